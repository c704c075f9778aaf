import { createHash } from "node:crypto";
import http from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  RenderRepository,
  RenderScriptError,
  RenderUnavailableError,
} from "../../src/repositories/render.repository.js";
import { startLocalRenderService, type LocalRenderService } from "../../src/lib/local-render-service.js";

const BOX = "from build123d import *\nroot_part = Box(10, 20, 30)\n";
// About half a second of pure computation: long enough for a second request to find the only slot busy.
const SLOW = "from build123d import *\nn = sum(i * i for i in range(5_000_000))\nroot_part = Box(10, 10, 10)\n";

let render: LocalRenderService;
beforeAll(async () => {
  render = await startLocalRenderService({
    BUILD123D_QUEUE_SIZE: "0",
    BUILD123D_CALLER_QUEUE: "0",
    BUILD123D_RETRY_AFTER_S: "1",
  });
}, 180_000);
afterAll(() => render.stop());

/** How many requests the service has turned away as busy, from its Prometheus metrics. */
async function busyCount(): Promise<number> {
  const text = await (await fetch(`${render.url}/metrics`)).text();
  return Number(text.match(/^build123d_jobs_total\{outcome="busy"\} (\S+)$/m)?.[1] ?? 0);
}

/** A server that answers every render with `body`: what a broken or mismatched service would send. */
async function serviceAnswering(status: number, body: unknown, contentType = "application/json") {
  const server = http.createServer((_req, res) => {
    res.writeHead(status, { "content-type": contentType });
    res.end(Buffer.isBuffer(body) ? body : JSON.stringify(body));
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return { url, close: () => new Promise<void>((resolve) => server.close(() => resolve())) };
}

describe("the render client against the real service", () => {
  it("when a box renders, then every format, the previews and the metrics come back checked against the contract", async () => {
    const result = await new RenderRepository(render.url).render({ code: BOX, caller: "tester" });
    expect(result.kind).toBe("solid");
    expect(Object.keys(result.files).sort()).toEqual(["3mf", "glb", "step", "stl"]);
    expect(Object.keys(result.previews).sort()).toEqual(["front", "iso", "right", "top"]);
    expect(result.metrics).toMatchObject({
      volume: expect.closeTo(6000, 3),
      solids: 1,
      watertight: true,
      face_count: 6,
    });
    expect(result.metrics.bounding_box.size).toEqual([10, 20, 30]);
    expect(result.files.step!.data.subarray(0, 12).toString()).toBe("ISO-10303-21");
    expect(result.files.stl!.data.length).toBe(result.files.stl!.bytes);
    expect(result.previews.iso!.data.subarray(1, 4).toString()).toBe("PNG");
  });

  it("when an exploratory render asks for no files and one view, then only the metrics and that view come back", async () => {
    const result = await new RenderRepository(render.url).render({
      code: BOX,
      formats: [],
      previews: { views: ["iso"], size: 64 },
    });
    expect(result.files).toEqual({});
    expect(Object.keys(result.previews)).toEqual(["iso"]);
    expect(result.previews.iso).toMatchObject({ width: 64, height: 64 });
    expect(createHash("sha256").update(result.previews.iso!.data).digest("hex")).toBe(result.previews.iso!.sha256);
    expect(result.metrics.volume).toBeCloseTo(6000, 3);
  });

  it("when the script is wrong, then the error is typed with the user's line", async () => {
    const client = new RenderRepository(render.url);
    const runtime = await client
      .render({ code: "from build123d import *\nx = 1\nroot_part = Box(1, 1)\n" })
      .catch((e: unknown) => e);
    expect(runtime).toBeInstanceOf(RenderScriptError);
    expect(runtime).toMatchObject({ type: "runtime", line: 3 });
    expect(await client.render({ code: "root_part = (" }).catch((e: unknown) => e)).toMatchObject({
      type: "syntax",
      line: 1,
    });
  });

  it("when the service is busy, then the client waits for Retry-After and both renders succeed", async () => {
    const busyBefore = await busyCount();
    const client = new RenderRepository(render.url, { busyRetries: 5 });
    const results = await Promise.all([
      client.render({ code: SLOW, formats: ["stl"] }),
      client.render({ code: SLOW, formats: ["stl"] }),
    ]);
    for (const r of results) expect(r.metrics.volume).toBeCloseTo(1000, 6);
    expect(await busyCount()).toBeGreaterThan(busyBefore);
  });

  it("when the service is busy for longer than the retries allow, then it is reported as unavailable", async () => {
    const impatient = new RenderRepository(render.url, { busyRetries: 0 });
    const outcomes = await Promise.allSettled([
      impatient.render({ code: SLOW, formats: ["stl"] }),
      impatient.render({ code: SLOW, formats: ["stl"] }),
    ]);
    const rejected = outcomes.filter((o) => o.status === "rejected") as PromiseRejectedResult[];
    expect(rejected.length).toBeGreaterThanOrEqual(1);
    expect(rejected[0]!.reason).toBeInstanceOf(RenderUnavailableError);
  });

  it("when the service is down, then the client reports it unavailable without retrying", async () => {
    const error = await new RenderRepository("http://127.0.0.1:9").render({ code: BOX }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(RenderUnavailableError);
  });

  it("when an answer breaks the contract (a 200 without metrics, a 422 of an unknown type), then it is a typed error, not whatever came", async () => {
    for (const [status, body] of [
      [200, { kind: "solid", files: {}, previews: {}, warnings: [], log: "", timings: {} }],
      [422, { error: { type: "exploded", message: "?" } }],
      [200, "not even an object"],
    ] as const) {
      const fake = await serviceAnswering(status, body);
      const error = await new RenderRepository(fake.url).render({ code: BOX }).catch((e: unknown) => e);
      await fake.close();
      expect(error).toBeInstanceOf(RenderUnavailableError);
      expect((error as Error).message).toMatch(/outside its contract/);
    }
  });

  it("when a file's bytes do not match the manifest's checksum, then the answer is outside the contract", async () => {
    const real = await fetch(`${render.url}/render/`, {
      method: "POST",
      headers: { "content-type": "application/json", accept: "multipart/mixed" },
      body: JSON.stringify({ code: BOX, formats: ["stl"], previews: { views: [] } }),
    });
    const contentType = real.headers.get("content-type")!;
    const original = Buffer.from(await real.arrayBuffer()).toString("latin1");
    // Flip the STL's first byte (its 80-byte header): same length, other bytes.
    const at = original.indexOf('name="files.stl"');
    const start = original.indexOf("\r\n\r\n", at) + 4;
    const corrupted = original.slice(0, start) + (original[start] === "x" ? "y" : "x") + original.slice(start + 1);
    const fake = await serviceAnswering(200, Buffer.from(corrupted, "latin1"), contentType);
    const error = await new RenderRepository(fake.url).render({ code: BOX }).catch((e: unknown) => e);
    await fake.close();
    expect(error).toBeInstanceOf(RenderUnavailableError);
    expect(((error as Error).cause as Error).message).toMatch(/files\.stl .*checksum/);
  });
});
