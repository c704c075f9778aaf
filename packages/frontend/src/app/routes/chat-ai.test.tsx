import type { User } from "@chat3d/shared";
import { act, fireEvent, screen, waitFor, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { EventSource } from "eventsource";
import { afterEach, beforeAll, describe, expect, it } from "vitest";
import { createQueryClient } from "@/lib/react-query";
import { makeUser, sessionRoutes } from "@/testing/accounts";
import { AiPipeline, allowCors, MODELS } from "@/testing/ai-api";
import { sendError, startApiServer, type ApiServer } from "@/testing/api-server";
import { ChatStore, NO_MODELS } from "@/testing/chat-api";
import { openStream, type StreamConnection } from "@/testing/event-stream-server";
import { renderApp } from "@/testing/render-app";

const CODE = `from build123d import *

HEIGHT = 10  # @param mm min=1 max=100 "Height"

root_part = Box(40, 20, HEIGHT)
`;

// The chat route and the 3D viewer are lazy: compiled here, once, rather than inside the first test's wait for
// its page, which a busy machine can stretch past any timeout.
beforeAll(async () => {
  await Promise.all([import("./chat"), import("@/features/viewer/components/model-viewer")]);
}, 120_000);

let server: ApiServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

const me: User = makeUser({ email: "ada@example.com", display_name: "Ada" });

/** The API with the AI routes over a store, a live event stream, and the app open at the chat. */
async function openChat({ models = MODELS } = {}) {
  const store = new ChatStore();
  const chat = store.addChat({ name: "Bracket" });
  const streams: StreamConnection[] = [];
  const ai = new AiPipeline(store, (event) => streams.forEach((s) => s.send(event)), models);
  server = await startApiServer({
    ...sessionRoutes({ user: me }),
    ...store.routes(),
    ...ai.routes(),
    "GET /api/events/stream": (_request, res, req) => void streams.push(openStream(req, res, { retryMs: 20 })),
  });
  const queryClient = createQueryClient();
  queryClient.setQueryData(["auth", "me"], me);
  const view = renderApp({ path: `/chat/${chat.id}`, apiUrl: server.url, queryClient, realtime: { EventSource } });
  await waitFor(() => expect(streams.length).toBeGreaterThan(0));
  return { store, chat, ai, server, view, user: userEvent.setup() };
}

const timeline = () => screen.getByRole("feed", { name: "Timeline" });
/**
 * Waits until the timeline shows `text`. Looked up afresh on each try: the feed appears with its first entry, and
 * a message on its way is a row of its own that the saved message replaces.
 */
const inTimeline = (text: string | RegExp) =>
  waitFor(() => expect(within(timeline()).getByText(text)).toBeInTheDocument());
const lastAnswer = () => within(timeline()).getAllByRole("article").at(-1)!;

async function ask(user: ReturnType<typeof userEvent.setup>, text: string) {
  await user.type(await screen.findByRole("textbox", { name: "Message" }), `${text}{Enter}`);
}

describe("without a language model", () => {
  it("when no provider is configured, then the composer says how to set one up and a message is kept as a note", async () => {
    const { server, user } = await openChat({ models: NO_MODELS });

    const note = await screen.findByRole("note", { name: "AI not configured" });
    expect(note).toHaveTextContent("No language model is configured.");
    expect(note).toHaveTextContent(/ANTHROPIC_API_KEY, OPENAI_API_KEY, XAI_API_KEY or OLLAMA_BASE_URL/);
    expect(note).toHaveTextContent("see Configuration in the README");
    expect(note).toHaveTextContent("Meanwhile, messages are kept as notes.");
    expect(screen.queryByRole("button", { name: "Attach images" })).not.toBeInTheDocument();
    expect(screen.queryByRole("group", { name: "Models" })).not.toBeInTheDocument();

    await ask(user, "Remember: M3 inserts");
    await inTimeline("Remember: M3 inserts");
    expect(server.calls("POST /api/chat/contexts/:id/items")[0]?.body).toEqual({ text: "Remember: M3 inserts" });
    expect(server.calls("POST /api/query")).toHaveLength(0);
  });
});

describe("choosing models", () => {
  it("when the models load, then each role lists only its models by provider with the default marked, and a choice is stored on the chat", async () => {
    const { server, user } = await openChat();

    const chatModel = await screen.findByRole("combobox", { name: "Chat model" });
    const codeModel = screen.getByRole("combobox", { name: "Code model" });
    expect(chatModel).toHaveValue("openai:gpt-4.1-mini");
    expect(codeModel).toHaveValue("anthropic:claude-sonnet-4-5");
    const groups = (select: HTMLElement) =>
      [...select.querySelectorAll("optgroup")].map((g) => [g.label, [...g.children].map((o) => o.textContent)]);
    expect(groups(chatModel)).toEqual([
      ["Anthropic", ["Claude Sonnet 4.5 · reads images"]],
      ["OpenAI", ["GPT-4.1 mini · default"]],
    ]);
    expect(groups(codeModel)).toEqual([
      ["Anthropic", ["Claude Sonnet 4.5 · reads images · default"]],
      ["OpenAI", ["GPT-4.1 mini"]],
      ["Ollama", ["qwen2.5-coder:14b (Ollama)"]],
    ]);

    await user.selectOptions(codeModel, "ollama:qwen2.5-coder:14b");
    await waitFor(() =>
      expect(server.calls("PATCH /api/chat/contexts/:id").map((c) => c.body)).toEqual([
        { codegen_model_id: "ollama:qwen2.5-coder:14b" },
      ]),
    );
    expect(codeModel).toHaveValue("ollama:qwen2.5-coder:14b");

    await ask(user, "A plate 40 x 20 x 5 mm");
    await waitFor(() => expect(server.calls("POST /api/query")).toHaveLength(1));
    expect(server.calls("POST /api/query")[0]!.body).toMatchObject({
      query: "A plate 40 x 20 x 5 mm",
      conversation_model_id: "openai:gpt-4.1-mini",
      codegen_model_id: "ollama:qwen2.5-coder:14b",
    });
  });
});

describe("a failed render", () => {
  it("when a render fails, then the chat's header says so outside the Code tab, and Fix with AI sends the error to the model", async () => {
    const { server, user } = await openChat();
    server.on("POST /api/chat/contexts/:id/render", (_request, res) =>
      sendError(res, 422, "render_failed", "NameError: name 'Bx' is not defined", {
        type: "runtime",
        line: 6,
        traceback: "Traceback (most recent call last):\n  line 6",
      }),
    );
    const paneTabs = within(await screen.findByRole("tablist", { name: "Model pane" }));
    await user.click(paneTabs.getByRole("tab", { name: "Code" }));
    await user.click(
      within(screen.getByRole("group", { name: "Examples" })).getByRole("button", { name: "Rounded box" }),
    );
    await user.click(screen.getByRole("button", { name: "Render" }));
    await screen.findByRole("alert");
    await user.click(paneTabs.getByRole("tab", { name: "Model" }));

    const header = screen.getByRole("heading", { level: 1, name: "Bracket" }).parentElement!;
    expect(await within(header).findByText("Render failed")).toBeInTheDocument();
    expect(paneTabs.getByRole("tab", { name: "Code, the last render failed" })).toBeInTheDocument();
    await user.click(within(header).getByRole("button", { name: "Fix with AI" }));

    await waitFor(() => expect(server.calls("POST /api/query")).toHaveLength(1));
    const question = (server.calls("POST /api/query")[0]!.body as { query: string }).query;
    expect(question).toMatch(/^The last render failed on line 6: NameError: name 'Bx' is not defined/);
    expect(question).toContain("Traceback (most recent call last):");
    // No version holds this code yet, so the question carries it.
    expect(question).toMatch(/This is the code that failed:\n\n```python\nfrom build123d import \*/);
    expect(question).toMatch(/Please fix it\.$/);
  });
});

describe("asking the AI", () => {
  it("when an answer streams, then its deltas appear in order, the stage moves with the elapsed time, and the finished answer shows its model, steps and cost", async () => {
    const { ai, user, server } = await openChat();

    await ask(user, "A block 40 x 20 x 10 mm");
    const answer = await waitFor(() => {
      expect(within(lastAnswer()).getByRole("status")).toHaveTextContent("Waiting to start…");
      return lastAnswer();
    });
    expect(within(timeline()).getByText("A block 40 x 20 x 10 mm")).toBeInTheDocument();
    expect(within(answer).getByRole("listitem", { current: "step" })).toHaveTextContent("Queued");
    expect(within(answer).getByText(/^\d+ s$/)).toBeInTheDocument();

    const { query } = ai.latest();
    act(() => ai.stage(query.id, "conversation"));
    expect(await within(answer).findByText("Reading your message…")).toBeInTheDocument();
    for (const delta of ["Making ", "a block ", "of **40 × 20 × 10 mm**."]) act(() => ai.delta(query.id, delta));
    await waitFor(() => expect(answer).toHaveTextContent("Making a block of 40 × 20 × 10 mm."));
    expect(within(answer).getByText("40 × 20 × 10 mm").tagName).toBe("STRONG");

    act(() => ai.stage(query.id, "codegen"));
    act(() => ai.step(query.id, { tool: "render", ok: false, summary: "syntax error on line 4", line: 4 }));
    act(() => ai.stage(query.id, "repairing", 2));
    expect(await within(answer).findByText("Fixing a problem…")).toBeInTheDocument();
    expect(within(answer).getByRole("listitem", { current: "step" })).toHaveTextContent("Rendering");
    act(() => ai.step(query.id, { tool: "render", ok: true, summary: "rendered 40 × 20 × 10 mm", line: null }));
    act(() => ai.step(query.id, { tool: "submit", ok: true, summary: "submitted", line: null }));
    act(() => void ai.completeWithModel(query.id, CODE));

    const done = within(answer);
    expect(await done.findByRole("link", { name: "View version 1" })).toBeInTheDocument();
    expect(done.queryByRole("status")).not.toBeInTheDocument();
    expect(done.getByText(/1,540 tokens · \$0\.01 · \d+ s/)).toBeInTheDocument();
    expect(done.getByRole("button", { name: "Regenerate" })).toBeInTheDocument();
    await user.click(done.getByText(/Details · 3 steps/));
    const steps = done.getByRole("region", { name: "Steps" });
    expect(
      within(steps)
        .getAllByRole("listitem")
        .map((li) => li.textContent),
    ).toEqual(["syntax error on line 4", "rendered 40 × 20 × 10 mm", "submitted"]);
    expect(done.getByText(/Chat model/)).toHaveTextContent("Chat model GPT-4.1 mini · code model Claude Sonnet 4.5");
    // The chat's running total, beside its name.
    expect(await screen.findByText("1,540 tokens · $0.01")).toBeInTheDocument();
    // The model pane shows the new version.
    await waitFor(() =>
      expect(
        (screen.getByRole("combobox", { name: "Version" }) as HTMLSelectElement).selectedOptions[0]?.textContent,
      ).toMatch(/^Version 1 \(current\)/),
    );
    // The terminal event carried the final record: nothing was fetched after it.
    expect(server.calls("GET /api/query/:id")).toHaveLength(0);
  });

  it("when a delta does not continue the text this tab has, then the answer is fetched instead of shown with a gap", async () => {
    const { ai, user, server } = await openChat();
    await ask(user, "Hello");
    await waitFor(() => expect(within(lastAnswer()).getByRole("status")).toBeInTheDocument());
    const { query } = ai.latest();
    const fetchesBefore = server.calls("GET /api/chat/contexts/:id/items").length;

    act(() => ai.stage(query.id, "conversation"));
    act(() => ai.delta(query.id, "Hi there", { length: 30 }));
    await waitFor(() => expect(server.calls("GET /api/chat/contexts/:id/items").length).toBeGreaterThan(fetchesBefore));
    expect(lastAnswer()).not.toHaveTextContent("Hi there");

    // Once the conversation stage ends, the stored text is fetched and shown.
    ai.delta(query.id, ", what shall we build?");
    ai.storeText(query.id);
    act(() => ai.stage(query.id, "codegen"));
    await waitFor(() => expect(lastAnswer()).toHaveTextContent("Hi there, what shall we build?"));
  });

  it("when an answer is cancelled, retried, fails and is retried again, then each control calls its route and the old answer stays on regenerate", async () => {
    const { ai, user, server } = await openChat();
    await ask(user, "A ring");
    const answer = await waitFor(() => {
      expect(within(lastAnswer()).getByRole("status")).toBeInTheDocument();
      return lastAnswer();
    });
    const { query } = ai.latest();
    act(() => ai.stage(query.id, "conversation"));
    act(() => ai.delta(query.id, "A ring, 30 mm"));

    await user.click(within(answer).getByRole("button", { name: "Cancel" }));
    await waitFor(() => expect(server.calls("POST /api/query/:id/cancel")).toHaveLength(1));
    expect(await within(answer).findByText("Cancelled.")).toBeInTheDocument();
    expect(answer).toHaveTextContent("A ring, 30 mm");

    await user.click(within(answer).getByRole("button", { name: "Retry" }));
    await waitFor(() => expect(server.calls("POST /api/query/:id/retry")).toHaveLength(1));
    expect(await within(answer).findByText("Waiting to start…")).toBeInTheDocument();

    act(() => ai.fail(query.id, "The model's service answered with an error twice. Try again in a minute."));
    expect(await within(lastAnswer()).findByText("The answer failed")).toBeInTheDocument();
    expect(lastAnswer()).toHaveTextContent("The model's service answered with an error twice.");
    await user.click(within(lastAnswer()).getByRole("button", { name: "Retry" }));
    await waitFor(() => expect(server.calls("POST /api/query/:id/retry")).toHaveLength(2));

    act(() => ai.stage(query.id, "conversation"));
    act(() => ai.delta(query.id, "Here it is."));
    act(() => void ai.completeWithModel(query.id, CODE));
    const first = await waitFor(() => {
      const article = lastAnswer();
      expect(within(article).getByRole("button", { name: "Regenerate" })).toBeInTheDocument();
      return article;
    });
    await user.click(within(first).getByRole("button", { name: "Regenerate" }));
    await waitFor(() => expect(server.calls("POST /api/query/:id/regenerate")).toHaveLength(1));
    await waitFor(() => expect(within(lastAnswer()).getByRole("status")).toHaveTextContent("Waiting to start…"));
    // The earlier answer and its model are still there.
    expect(within(timeline()).getByRole("link", { name: "View version 1" })).toBeInTheDocument();
    expect(ai.runs.size).toBe(2);
  });

  it("when an answer is rated, then the thumb toggles and pressing it again takes the rating back", async () => {
    const { ai, user, server } = await openChat();
    await ask(user, "A cube");
    await waitFor(() => expect(within(lastAnswer()).getByRole("status")).toBeInTheDocument());
    const { query } = ai.latest();
    act(() => ai.delta(query.id, "A 10 mm cube."));
    act(() => void ai.completeWithModel(query.id, CODE));

    const good = await within(lastAnswer()).findByRole("button", { name: "Good answer" });
    expect(good).toHaveAttribute("aria-pressed", "false");
    expect(within(lastAnswer()).getByRole("button", { name: "Bad answer" })).toHaveAttribute("aria-pressed", "false");
    await user.click(good);
    await waitFor(() =>
      expect(within(lastAnswer()).getByRole("button", { name: "Good answer" })).toHaveAttribute("aria-pressed", "true"),
    );
    await user.click(within(lastAnswer()).getByRole("button", { name: "Good answer" }));
    await waitFor(() =>
      expect(within(lastAnswer()).getByRole("button", { name: "Good answer" })).toHaveAttribute(
        "aria-pressed",
        "false",
      ),
    );
    await user.click(within(lastAnswer()).getByRole("button", { name: "Bad answer" }));
    await waitFor(() =>
      expect(within(lastAnswer()).getByRole("button", { name: "Bad answer" })).toHaveAttribute("aria-pressed", "true"),
    );
    // One thumb at a time: the bad one took the place of the good one.
    expect(within(lastAnswer()).getByRole("button", { name: "Good answer" })).toHaveAttribute("aria-pressed", "false");
    expect(server.calls("PATCH /api/chat/items/:id").map((c) => c.body)).toEqual([
      { rating: 1 },
      { rating: null },
      { rating: -1 },
    ]);
  });
});

describe("pictures with a question", () => {
  const png = (name: string) =>
    new File([new Uint8Array([137, 80, 78, 71, 13, 10, 26, 10, 0, 0])], name, { type: "image/png" });

  it("when a picture is attached and the chat model can't read images, then sending is blocked with the reason until a model that can is chosen", async () => {
    const { user, server, view } = await openChat();
    await screen.findByRole("combobox", { name: "Chat model" });
    const input = view.container.querySelector<HTMLInputElement>('input[type="file"]')!;

    await user.upload(input, png("sketch.png"));
    const tray = await screen.findByRole("list", { name: "Attached images" });
    expect(await within(tray).findByText("Ready")).toBeInTheDocument();
    expect(server.calls("POST /api/files")).toHaveLength(1);
    expect(String(server.calls("POST /api/files")[0]!.body)).toContain('name="file"; filename="sketch.png"');

    expect(
      screen.getByText(/GPT-4\.1 mini can't read images\. Choose a model that can \(Claude Sonnet 4\.5\)/),
    ).toBeInTheDocument();
    const send = screen.getByRole("button", { name: "Send message" });
    expect(send).toBeDisabled();
    expect(send).toHaveAccessibleDescription("Can't send: the chat model can't read images.");

    // A file of another type is refused on the spot, and can be removed.
    fireEvent.drop(screen.getByRole("form", { name: "Send a message" }), {
      dataTransfer: { files: [new File(["%PDF"], "notes.pdf", { type: "application/pdf" })], types: ["Files"] },
    });
    expect(await within(tray).findByText("Only PNG, JPEG or WebP images.")).toBeInTheDocument();
    await user.click(within(tray).getByRole("button", { name: "Remove notes.pdf" }));
    expect(within(tray).queryByText("notes.pdf")).not.toBeInTheDocument();

    await user.selectOptions(screen.getByRole("combobox", { name: "Chat model" }), "anthropic:claude-sonnet-4-5");
    await waitFor(() => expect(send).toBeEnabled());
    expect(screen.queryByText(/can't read images/)).not.toBeInTheDocument();

    await ask(user, "Like this sketch, 5 mm thick");
    await waitFor(() => expect(server.calls("POST /api/query")).toHaveLength(1));
    const file = JSON.parse(JSON.stringify(server.calls("POST /api/query")[0]!.body)) as { attachments: string[] };
    expect(file.attachments).toHaveLength(1);
    const sent = await waitFor(() => within(timeline()).getByRole("list", { name: "Images sent" }));
    expect(within(sent).getByRole("img", { name: "sketch.png" })).toHaveAttribute(
      "src",
      `${server.url}/api/files/${file.attachments[0]}`,
    );
    expect(screen.queryByRole("list", { name: "Attached images" })).not.toBeInTheDocument();
  });

  it("when an upload is refused, then the picture says why, and removing an uploaded one deletes it", async () => {
    const { user, server, view, ai } = await openChat();
    await screen.findByRole("combobox", { name: "Chat model" });
    const input = view.container.querySelector<HTMLInputElement>('input[type="file"]')!;
    server.on("POST /api/files", (_request, res, req) => {
      allowCors(res, req);
      res.writeHead(415, { "content-type": "application/json" });
      res.end(JSON.stringify({ error: { code: "unsupported_media_type", message: "The file is not a PNG image." } }));
    });
    await user.upload(input, png("fake.png"));
    const tray = await screen.findByRole("list", { name: "Attached images" });
    expect(await within(tray).findByRole("alert")).toHaveTextContent("The file is not a PNG image.");
    expect(within(tray).queryByRole("button", { name: "Upload fake.png again" })).not.toBeInTheDocument();
    expect(screen.getByRole("button", { name: "Send message" })).toBeDisabled();
    await user.click(within(tray).getByRole("button", { name: "Remove fake.png" }));
    expect(screen.queryByRole("list", { name: "Attached images" })).not.toBeInTheDocument();
    expect(server.calls("DELETE /api/files/:id")).toHaveLength(0);

    server.on("POST /api/files", ai.routes()["POST /api/files"]!);
    await user.upload(input, png("real.png"));
    expect(await screen.findByText("Ready")).toBeInTheDocument();
    await user.click(screen.getByRole("button", { name: "Remove real.png" }));
    await waitFor(() => expect(server.calls("DELETE /api/files/:id")).toHaveLength(1));
    expect(server.calls("DELETE /api/files/:id")[0]!.params.id).toBe([...ai.uploads.keys()][0]);
  });
});
