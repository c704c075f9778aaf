import type { ChatItem, User } from "@chat3d/shared";
import { act, screen, waitFor, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { EventSource } from "eventsource";
import { afterEach, beforeAll, describe, expect, it } from "vitest";
import { itemsKey } from "@/features/chat/api/get-items";
import { createQueryClient } from "@/lib/react-query";
import { makeUser, sessionRoutes } from "@/testing/accounts";
import { sendError, startApiServer, type ApiServer } from "@/testing/api-server";
import { ChatStore, makeMessage } from "@/testing/chat-api";
import { openStream, type StreamConnection } from "@/testing/event-stream-server";
import { renderApp } from "@/testing/render-app";

const CODE = `from build123d import *

WIDTH = 40  # @param mm min=10 max=200 step=1 "Overall width"
ROUNDED = True  # @param "Round the edges"

root_part = Box(WIDTH, 20, 10)
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

const me: User = makeUser({ email: "pat@example.com", display_name: "Pat" });

async function start(store = new ChatStore()) {
  const streams: StreamConnection[] = [];
  server = await startApiServer({
    ...sessionRoutes({ user: me }),
    ...store.routes(),
    "GET /api/events/stream": (_request, res, req) => void streams.push(openStream(req, res, { retryMs: 20 })),
  });
  return { store, server, streams };
}

/** The app with `me` signed in, as the auth query knows it once /api/auth/me has answered. */
function renderSignedIn(path: string, { queryClient = createQueryClient(), live = false } = {}) {
  queryClient.setQueryData(["auth", "me"], me);
  return {
    queryClient,
    ...renderApp({ path, apiUrl: server!.url, queryClient, realtime: live ? { EventSource } : undefined }),
  };
}

const timeline = () => screen.getByRole("feed", { name: "Timeline" });
/**
 * Waits until the timeline shows `text`. Looked up afresh on each try: the feed appears with its first entry, and
 * a message on its way is a row of its own that the saved message replaces.
 */
const inTimeline = (text: string | RegExp) =>
  waitFor(() => expect(within(timeline()).getByText(text)).toBeInTheDocument());
/** The model pane's own tabs (on a phone the workspace's row holds a Model and a Code tab too). */
const findPaneTab = async (name: string, options: { selected?: boolean } = {}) =>
  within(await screen.findByRole("tablist", { name: "Model pane" })).findByRole("tab", { name, ...options });
const selectedVersion = () =>
  (screen.getByRole("combobox", { name: "Version" }) as HTMLSelectElement).selectedOptions[0]?.textContent;

describe("home and the chat list", () => {
  it("when someone without chats signs in, then the welcome offers New chat and starters, and a starter opens a chat with its script", async () => {
    await start();
    const { router } = renderSignedIn("/");
    const user = userEvent.setup();

    expect(await screen.findByRole("heading", { level: 1, name: "Make your first part" })).toBeInTheDocument();
    expect(router.state.location.pathname).toBe("/chat");
    expect(screen.getByRole("heading", { name: "No chats yet" })).toBeInTheDocument();

    await user.click(screen.getByRole("button", { name: /^Spacer ring/ }));

    await waitFor(() => expect(router.state.location.pathname).toMatch(/^\/chat\/[0-9a-f-]{36}$/));
    expect(server!.calls("POST /api/chat/contexts")[0]?.body).toEqual({ name: "Spacer ring" });
    expect(await screen.findByRole("heading", { level: 1, name: "Spacer ring" })).toBeInTheDocument();
    expect(await screen.findByRole("textbox", { name: "build123d code" })).toHaveTextContent(/OUTER = 24/);
    expect(await findPaneTab("Code", { selected: true })).toBeInTheDocument();
    expect(
      within(screen.getByRole("navigation", { name: "Chats" })).getByRole("link", { name: /Spacer ring/ }),
    ).toHaveAttribute("aria-current", "page");
  });

  it("when someone has chats, then /chat opens the most recent, rows show thumbnails, and a search asks the server", async () => {
    const store = new ChatStore();
    const older = store.addChat({ name: "Hinge" });
    store.keep(older.id, CODE);
    const newest = store.addChat({ name: "Bracket" });
    await start(store);
    const { router } = renderSignedIn("/chat");
    const user = userEvent.setup();

    await waitFor(() => expect(router.state.location.pathname).toBe(`/chat/${newest.id}`));
    const chats = within(await screen.findByRole("navigation", { name: "Chats" }));
    const hinge = await chats.findByRole("link", { name: /Hinge/ });
    expect(hinge.querySelector("img")).toHaveAttribute(
      "src",
      `${server!.url}/api/files/${older.current_version!.thumbnail_file_id}`,
    );
    expect(chats.getByRole("link", { name: /Bracket/ })).toHaveAttribute("aria-current", "page");

    await user.type(screen.getByRole("searchbox", { name: "Search chats" }), "hin");
    await waitFor(() =>
      expect(server!.calls("GET /api/chat/contexts").map((call) => call.query.get("query"))).toContain("hin"),
    );
    expect(await chats.findByRole("link", { name: /Hinge/ })).toBeInTheDocument();
    expect(chats.queryByRole("link", { name: /Bracket/ })).not.toBeInTheDocument();

    await user.clear(screen.getByRole("searchbox", { name: "Search chats" }));
    await user.type(screen.getByRole("searchbox", { name: "Search chats" }), "zzz");
    expect(await screen.findByRole("heading", { name: "No chats match" })).toBeInTheDocument();
    await user.click(screen.getByRole("button", { name: "Clear search" }));
    expect(await chats.findByRole("link", { name: /Bracket/ })).toBeInTheDocument();
  });

  it("when a chat is renamed in place, then Enter saves it and Escape leaves it as it was", async () => {
    const store = new ChatStore();
    const chat = store.addChat({ name: "Untitled chat" });
    await start(store);
    renderSignedIn(`/chat/${chat.id}`);
    const user = userEvent.setup();

    await user.click(await screen.findByRole("button", { name: "Actions for Untitled chat" }));
    await user.click(screen.getByRole("menuitem", { name: "Rename" }));
    const name = await screen.findByRole("textbox", { name: "Chat name" });
    await waitFor(() => expect(name).toHaveFocus());
    await user.clear(name);
    await user.type(name, "Phone stand{Enter}");

    expect(await screen.findByRole("heading", { level: 1, name: "Phone stand" })).toBeInTheDocument();
    expect(server!.calls("PATCH /api/chat/contexts/:id")[0]?.body).toEqual({ name: "Phone stand" });

    await user.click(screen.getByRole("button", { name: "Actions for Phone stand" }));
    await user.click(screen.getByRole("menuitem", { name: "Rename" }));
    await user.keyboard("{Control>}a{/Control}Something else{Escape}");
    expect(await screen.findByRole("link", { name: /Phone stand/ })).toBeInTheDocument();
    expect(server!.calls("PATCH /api/chat/contexts/:id")).toHaveLength(1);
  });

  it("when a chat is deleted, then a dialog asks first, and confirming removes it and leaves the open chat", async () => {
    const store = new ChatStore();
    const other = store.addChat({ name: "Keep me" });
    const doomed = store.addChat({ name: "Throwaway" });
    await start(store);
    const { router } = renderSignedIn(`/chat/${doomed.id}`);
    const user = userEvent.setup();

    await user.click(await screen.findByRole("button", { name: "Actions for Throwaway" }));
    await user.click(screen.getByRole("menuitem", { name: "Delete" }));
    const dialog = await screen.findByRole("dialog", { name: "Delete “Throwaway”?" });
    expect(within(dialog).getByRole("button", { name: "Cancel" })).toHaveFocus();
    await user.keyboard("{Escape}");
    await waitFor(() => expect(screen.queryByRole("dialog")).not.toBeInTheDocument());
    expect(server!.calls("DELETE /api/chat/contexts/:id")).toHaveLength(0);

    await user.click(screen.getByRole("button", { name: "Actions for Throwaway" }));
    await user.click(screen.getByRole("menuitem", { name: "Delete" }));
    await user.click(within(await screen.findByRole("dialog")).getByRole("button", { name: "Delete chat" }));

    expect(await screen.findByText("“Throwaway” was deleted")).toBeInTheDocument();
    await waitFor(() => expect(router.state.location.pathname).toBe(`/chat/${other.id}`));
    expect(screen.queryByRole("link", { name: /Throwaway/ })).not.toBeInTheDocument();
  });

  it("when the address names a chat that is not theirs, then the page says it doesn't exist", async () => {
    await start();
    renderSignedIn("/chat/00000000-0000-4000-8000-999999999999");
    expect(await screen.findByRole("heading", { level: 1, name: "This chat doesn't exist" })).toBeInTheDocument();
    expect(screen.getByRole("link", { name: "Back to your chats" })).toHaveAttribute("href", "/chat");
  });
});

describe("the timeline and the composer", () => {
  it("when a message is sent, then Enter sends it, Shift+Enter is a new line, and a refused send offers Retry", async () => {
    const store = new ChatStore();
    const chat = store.addChat({ name: "Plate" });
    const { server } = await start(store);
    renderSignedIn(`/chat/${chat.id}`);
    const user = userEvent.setup();

    const message = await screen.findByRole("textbox", { name: "Message" });
    await user.type(message, "A plate{Shift>}{Enter}{/Shift}with a hole{Enter}");

    // The chat was empty: the feed itself appears with this first entry, so it is waited for, not assumed.
    await inTimeline(/with a hole/);
    expect(server.calls("POST /api/chat/contexts/:id/items")[0]?.body).toEqual({ text: "A plate\nwith a hole" });
    expect(message).toHaveValue("");

    server.on("POST /api/chat/contexts/:id/items", (_request, res) =>
      sendError(res, 503, "unavailable", "The server is busy."),
    );
    await user.type(message, "Thicker please{Enter}");
    const refused = await screen.findByRole("alert");
    expect(refused).toHaveTextContent("Not sent: The server is busy.");

    server.on("POST /api/chat/contexts/:id/items", ({ body }, res) => {
      const item = makeMessage(chat.id, (body as { text: string }).text);
      store.items.get(chat.id)!.push(item);
      res.writeHead(201, { "content-type": "application/json" }).end(JSON.stringify({ item }));
    });
    await user.click(within(refused).getByRole("button", { name: "Retry" }));
    await waitFor(() => expect(screen.queryByText(/Not sent/)).not.toBeInTheDocument());
    expect(within(timeline()).getByText("Thicker please")).toBeInTheDocument();
    expect(server.calls("POST /api/chat/contexts/:id/items")).toHaveLength(3);
  });

  it("when a chat has 5,000 entries, then only a window of them is in the page, the newest at the bottom", async () => {
    const store = new ChatStore();
    const chat = store.addChat({ name: "Long one" });
    await start(store);
    const items: ChatItem[] = Array.from({ length: 5000 }, (_, i) => makeMessage(chat.id, `Message ${i + 1}`));
    const queryClient = createQueryClient();
    queryClient.setQueryData(itemsKey(chat.id), { pages: [{ items, before_cursor: null }], pageParams: [undefined] });

    const started = performance.now();
    renderSignedIn(`/chat/${chat.id}`, { queryClient });
    expect(await within(await screen.findByRole("feed")).findByText("Message 5000")).toBeInTheDocument();
    const elapsed = performance.now() - started;

    const articles = within(timeline()).getAllByRole("article");
    expect(articles.length).toBeGreaterThan(5);
    expect(articles.length).toBeLessThan(40);
    expect(screen.queryByText("Message 1")).not.toBeInTheDocument();
    expect(articles.at(-1)).toHaveAttribute("aria-setsize", "5000");
    console.info(`timeline: 5,000 entries, ${articles.length} in the page, first render ${Math.round(elapsed)} ms`);
  });

  it("when the person scrolls to the top, then the page before is fetched with the cursor and joins above", async () => {
    const store = new ChatStore();
    const chat = store.addChat({ name: "Paged" });
    store.items.set(
      chat.id,
      Array.from({ length: 120 }, (_, i) => makeMessage(chat.id, `Entry ${i + 1}`)),
    );
    const { server } = await start(store);
    renderSignedIn(`/chat/${chat.id}`);

    expect(await screen.findByText("Entry 120")).toBeInTheDocument();
    expect(server.calls("GET /api/chat/contexts/:id/items")).toHaveLength(1);

    const scroller = timeline().parentElement!;
    act(() => scroller.scrollTo({ top: 0 }));

    await waitFor(() =>
      expect(server.calls("GET /api/chat/contexts/:id/items").map((c) => c.query.get("before"))).toContain("70"),
    );
    act(() => scroller.scrollTo({ top: 0 }));
    expect(await screen.findByText("This is the start of the chat.")).toBeInTheDocument();
    expect(screen.getByText("Entry 1")).toBeInTheDocument();
  });
});

describe("the model pane", () => {
  it("when code is rendered with Ctrl+Enter, then the new version shows in the viewer, with its downloads and measurements", async () => {
    const store = new ChatStore();
    const chat = store.addChat({ name: "Box" });
    const { server } = await start(store);
    renderSignedIn(`/chat/${chat.id}`);
    const user = userEvent.setup();

    // A new chat opens on the model (none yet, and how to get one); the editor is one tab away.
    expect(await findPaneTab("Model", { selected: true })).toBeInTheDocument();
    expect(screen.getByRole("heading", { name: "No model yet" })).toBeInTheDocument();
    await user.click(await findPaneTab("Code"));
    expect(await findPaneTab("Code", { selected: true })).toBeInTheDocument();
    await user.click(
      within(screen.getByRole("group", { name: "Examples" })).getByRole("button", { name: "Rounded box" }),
    );
    const editor = await screen.findByRole("textbox", { name: "build123d code" });
    expect(editor).toHaveTextContent("WIDTH = 40");
    editor.focus();
    await user.keyboard("{Control>}{Enter}{/Control}");

    const viewer = await screen.findByRole("region", { name: "Version 1, 3D view" });
    expect(server.calls("POST /api/chat/contexts/:id/render")[0]?.body).toMatchObject({ source: "render" });
    expect(await findPaneTab("Model", { selected: true })).toBeInTheDocument();
    expect(screen.getByText("Version 1 is ready.")).toHaveAttribute("role", "status");
    expect(selectedVersion()).toMatch(/^Version 1 \(current\)/);

    const downloads = within(screen.getByRole("group", { name: "Downloads" }));
    for (const format of ["STEP", "STL", "3MF", "GLB", "Code"]) {
      expect(downloads.getByRole("link", { name: new RegExp(`^Download ${format} \\(`) })).toHaveAttribute(
        "href",
        expect.stringMatching(new RegExp(`^${server.url}/api/files/`)),
      );
    }
    expect(screen.getByText("Width (X)").nextSibling).toHaveTextContent("40 mm");
    // The viewer's tools are labelled buttons (jsdom draws no WebGL: the model itself is the browser suite's).
    const tools = within(within(viewer).getByRole("toolbar", { name: "Viewer" }));
    for (const name of ["Fit to view", "Top view", "Section", "Measure", "Pick faces", "More"]) {
      expect(tools.getByRole("button", { name })).toBeInTheDocument();
    }
    expect(within(timeline()).getByRole("link", { name: "View version 1" })).toHaveAttribute("aria-current", "true");
  });

  it("when the script fails, then its message shows and its line is marked; when the service is down, then it says so", async () => {
    const store = new ChatStore();
    const chat = store.addChat({ name: "Broken" });
    store.keep(chat.id, CODE);
    const { server } = await start(store);
    renderSignedIn(`/chat/${chat.id}`);
    const user = userEvent.setup();

    server.on("POST /api/chat/contexts/:id/render", (_request, res) =>
      sendError(res, 422, "render_failed", "NameError: name 'Bx' is not defined", {
        type: "runtime",
        line: 6,
        traceback: "Traceback (most recent call last):\n  line 6",
      }),
    );
    await user.click(await findPaneTab("Code"));
    await user.click(screen.getByRole("button", { name: "Render" }));

    const failure = await screen.findByRole("alert");
    expect(failure).toHaveTextContent("Line 6: The script failed");
    expect(failure).toHaveTextContent("NameError: name 'Bx' is not defined");
    const marked = document.querySelector(".cm-error-line");
    expect(marked).toHaveTextContent("root_part = Box(WIDTH, 20, 10)");
    expect(screen.getByText(/^Render failed: NameError/)).toHaveAttribute("role", "status");

    server.on("POST /api/chat/contexts/:id/render", (_request, res) =>
      sendError(res, 503, "render_unavailable", "The render service did not answer."),
    );
    await user.click(screen.getByRole("button", { name: "Render" }));
    expect(await screen.findByText("The render service is unavailable")).toBeInTheDocument();
    expect(document.querySelector(".cm-error-line")).toBeNull();
  });

  it("when a slider moves, then one render with the new value follows once it rests, and it becomes the next version", async () => {
    const store = new ChatStore();
    const chat = store.addChat({ name: "Sliders" });
    store.keep(chat.id, CODE);
    const { server } = await start(store);
    renderSignedIn(`/chat/${chat.id}`);
    const user = userEvent.setup();

    const slider = await screen.findByRole("slider", { name: "Overall width" });
    expect(slider).toHaveAttribute("aria-valuemin", "10");
    expect(slider).toHaveAttribute("aria-valuemax", "200");
    expect(screen.getByRole("spinbutton", { name: "Overall width" })).toHaveValue(40);
    expect(screen.getByRole("switch", { name: "Round the edges" })).toBeChecked();
    slider.focus();
    await user.keyboard("{ArrowRight}{ArrowRight}{ArrowRight}");

    await waitFor(() => expect(selectedVersion()).toMatch(/^Version 2 \(current\) · Changed parameters/));
    const renders = server.calls("POST /api/chat/contexts/:id/render");
    expect(renders).toHaveLength(1);
    expect(renders[0]!.body).toMatchObject({
      parameters: { WIDTH: 43 },
      source: "parameters",
      parent_version_id: store.versions.get(chat.id)![0]!.id,
    });
    expect(screen.getByRole("spinbutton", { name: "Overall width" })).toHaveValue(43);
    expect(screen.getByText("Width (X)").nextSibling).toHaveTextContent("43 mm");
  });

  it("when a value changes while its render is still running, then that render is dropped and only the newer one is kept", async () => {
    const store = new ChatStore();
    const chat = store.addChat({ name: "Superseded" });
    store.keep(chat.id, CODE);
    const { server } = await start(store);
    const keepRender = store.routes()["POST /api/chat/contexts/:id/render"]!;
    let dropped = 0;
    server.on("POST /api/chat/contexts/:id/render", async (request, res, req) => {
      if ((request.body as { parameters: { WIDTH: number } }).parameters.WIDTH === 50) {
        await new Promise((resolve) => res.on("close", resolve));
        dropped += res.writableFinished ? 0 : 1;
        return;
      }
      return keepRender(request, res, req);
    });
    renderSignedIn(`/chat/${chat.id}`);
    const user = userEvent.setup();

    const input = await screen.findByRole("spinbutton", { name: "Overall width" });
    await user.clear(input);
    await user.type(input, "50");
    await waitFor(() => expect(server.calls("POST /api/chat/contexts/:id/render")).toHaveLength(1));
    expect(await screen.findByText("Rendering…", { selector: "div" })).toBeInTheDocument();

    await user.clear(input);
    await user.type(input, "60");

    await waitFor(() => expect(selectedVersion()).toMatch(/^Version 2 \(current\)/));
    await waitFor(() => expect(dropped).toBe(1));
    expect(server.calls("POST /api/chat/contexts/:id/render").map((c) => (c.body as any).parameters.WIDTH)).toEqual([
      50, 60,
    ]);
    expect(store.versions.get(chat.id)).toHaveLength(2);
  });

  it("when a version is opened by its address, then it shows as older with Restore, and restoring makes it the next version", async () => {
    const store = new ChatStore();
    const chat = store.addChat({ name: "History" });
    const { version: first } = store.keep(chat.id, CODE, { warnings: ["The tessellation was coarsened."] });
    store.keep(chat.id, CODE.replace("WIDTH = 40", "WIDTH = 80"), { source: "parameters" });
    const { server } = await start(store);
    const { router } = renderSignedIn(`/chat/${chat.id}/versions/${first.id}`);
    const user = userEvent.setup();

    expect(await screen.findByRole("region", { name: "Version 1, 3D view" })).toBeInTheDocument();
    expect(selectedVersion()).toMatch(/^Version 1 ·/);
    expect(screen.getByText("Older version")).toBeInTheDocument();
    expect(screen.getByRole("alert", { name: "" })).toHaveTextContent(
      "1 warning from the render serviceThe tessellation was coarsened.",
    );

    await user.click(screen.getByRole("button", { name: "Restore" }));

    expect(await screen.findByText("Version 1 restored as version 3")).toBeInTheDocument();
    await waitFor(() => expect(router.state.location.pathname).toBe(`/chat/${chat.id}`));
    await waitFor(() => expect(selectedVersion()).toMatch(/^Version 3 \(current\) · Restored version 1/));
    expect(server.calls("POST /api/chat/contexts/:id/versions/:versionId/restore")[0]?.params.versionId).toBe(first.id);
    expect(screen.getByRole("spinbutton", { name: "Overall width" })).toHaveValue(40);

    await user.selectOptions(
      screen.getByRole("combobox", { name: "Version" }),
      screen.getByRole("option", { name: /^Version 2 ·/ }),
    );
    await waitFor(() => expect(router.state.location.pathname).toMatch(/\/versions\//));
    expect(await screen.findByRole("spinbutton", { name: "Overall width" })).toHaveValue(80);
  });

  it("when two versions are compared, then the measurements stand side by side with the change, above the code diff", async () => {
    const store = new ChatStore();
    const chat = store.addChat({ name: "Compared" });
    const { version: a } = store.keep(chat.id, CODE);
    const { version: b } = store.keep(chat.id, CODE.replace("WIDTH = 40", "WIDTH = 55"), { source: "parameters" });
    await start(store);
    renderSignedIn(`/chat/${chat.id}/compare?a=${a.id}&b=${b.id}`);

    expect(await screen.findByRole("heading", { level: 1, name: "Compare versions" })).toBeInTheDocument();
    const metrics = await screen.findByRole("table", { name: "Measurements compared" });
    const width = within(metrics).getByRole("row", { name: /Width \(X\)/ });
    expect(width).toHaveTextContent(/40 mm.*55 mm.*\+15 mm/);
    expect(within(metrics).getByRole("row", { name: /Solids/ })).toHaveTextContent("Same");

    const diff = screen.getByRole("table", { name: "Code changes" });
    const changed = within(diff)
      .getAllByRole("row")
      .filter((row) => /Added|Removed/.test(row.textContent ?? ""));
    expect(changed.map((row) => row.textContent)).toEqual([
      expect.stringMatching(/Removed.*WIDTH = 40/),
      expect.stringMatching(/Added.*WIDTH = 55/),
    ]);
    expect(diff.closest("figure")!.querySelector("figcaption")).toHaveTextContent(/^\+1\s*−1\s*lines changed$/);
    expect(screen.getByRole("link", { name: "Back to Compared" })).toHaveAttribute("href", `/chat/${chat.id}`);
  });
});

describe("the workspace for a new person", () => {
  it("when someone without chats describes a part on the welcome screen, then a chat named after it starts with that message", async () => {
    const { server } = await start();
    const { router } = renderSignedIn("/chat");
    const user = userEvent.setup();

    await user.type(
      await screen.findByRole("textbox", { name: "Describe a part" }),
      "A hook for a towel{Shift>}{Enter}{/Shift}about 60 mm long{Enter}",
    );
    await waitFor(() => expect(router.state.location.pathname).toMatch(/^\/chat\/[0-9a-f-]{36}$/));
    expect(server.calls("POST /api/chat/contexts")[0]?.body).toEqual({ name: "A hook for a towel" });
    await inTimeline(/about 60 mm long/);
    expect(server.calls("POST /api/chat/contexts/:id/items").map((c) => c.body)).toEqual([
      { text: "A hook for a towel\nabout 60 mm long" },
    ]);
    // Sent once: the address no longer carries it.
    expect(router.state.location.state).toBeNull();
  });
});

describe("versions in the timeline", () => {
  it("when versions follow one another without the AI, then they are one entry that opens to show each", async () => {
    const store = new ChatStore();
    const chat = store.addChat({ name: "Tweaks" });
    for (const width of [40, 45, 50]) store.keep(chat.id, CODE.replace("WIDTH = 40", `WIDTH = ${width}`));
    store.items.get(chat.id)!.push(makeMessage(chat.id, "Wider please"));
    store.keep(chat.id, CODE.replace("WIDTH = 40", "WIDTH = 60"));
    await start(store);
    renderSignedIn(`/chat/${chat.id}`);
    const user = userEvent.setup();

    const feed = await screen.findByRole("feed", { name: "Timeline" });
    const group = (await within(feed).findByText("3 versions · 1–3")).closest<HTMLElement>('[role="article"]')!;
    expect(
      within(group)
        .getAllByRole("link", { name: /^View version/ })
        .map((l) => l.textContent),
    ).toHaveLength(1);
    expect(within(group).getByRole("link", { name: /^View version/ })).toHaveAccessibleName("View version 3");
    // A message ends the run: the version after it stands alone.
    expect(within(feed).getByRole("link", { name: "View version 4" }).closest('[role="article"]')).not.toBe(group);

    await user.click(within(group).getByRole("button", { name: "Show all 3" }));
    expect(
      within(group)
        .getAllByRole("link", { name: /^View version/ })
        .map((l) => l.getAttribute("aria-label")),
    ).toEqual(["View version 1", "View version 2", "View version 3"]);
    expect(within(group).getByRole("button", { name: "Show the newest only" })).toHaveAttribute(
      "aria-expanded",
      "true",
    );
  });

  it("when versions differ in size, then their thumbnails share the chat's scale and are labelled with the size", async () => {
    const store = new ChatStore();
    const chat = store.addChat({ name: "Sizes" });
    store.keep(chat.id, CODE.replace("WIDTH = 40", "WIDTH = 20"));
    store.items.get(chat.id)!.push(makeMessage(chat.id, "Four times as wide"));
    store.keep(chat.id, CODE.replace("WIDTH = 40", "WIDTH = 80"));
    await start(store);
    renderSignedIn(`/chat/${chat.id}`);

    const feed = await screen.findByRole("feed", { name: "Timeline" });
    const card = async (number: number) =>
      (await within(feed).findByRole("link", { name: `View version ${number}` })).closest<HTMLElement>(
        '[role="article"]',
      )!;
    const thumbnail = async (number: number) => (await card(number)).querySelector("img")!;
    // Each preview is framed to fit its own part: only the shared scale shows that version 1 is a quarter as wide.
    await waitFor(async () => expect((await thumbnail(1)).style.transform).toBe("scale(0.25)"));
    expect((await thumbnail(2)).style.transform).toBe("scale(1)");
    expect(within(await card(1)).getByText("20 × 10 × 10 mm")).toBeInTheDocument();
    expect(within(await card(2)).getByText("80 × 10 × 10 mm")).toBeInTheDocument();
  });

  it("when the code rendered is what the current version is, then no version is made and the notice points to it", async () => {
    const store = new ChatStore();
    const chat = store.addChat({ name: "Same" });
    store.keep(chat.id, CODE);
    const { server } = await start(store);
    renderSignedIn(`/chat/${chat.id}`);
    const user = userEvent.setup();

    await user.click(await findPaneTab("Code"));
    await user.click(screen.getByRole("button", { name: "Render" }));
    const notice = (await screen.findByText("Nothing changed")).closest<HTMLElement>('[role="status"]')!;
    expect(notice).toHaveTextContent("Version 1 already has this code and these values");
    expect(within(notice).getByRole("link", { name: "View version 1" })).toHaveAttribute("href", `/chat/${chat.id}`);
    expect(server.calls("POST /api/chat/contexts/:id/render")).toHaveLength(1);
    expect(store.versions.get(chat.id)).toHaveLength(1);
    expect(selectedVersion()).toMatch(/^Version 1 \(current\)/);
  });
});

describe("another tab's changes", () => {
  it("when events arrive, then a new entry, a new version and a rename show without a reload, and a deletion says the chat is gone", async () => {
    const store = new ChatStore();
    const chat = store.addChat({ name: "Shared" });
    store.keep(chat.id, CODE);
    const { streams } = await start(store);
    renderSignedIn(`/chat/${chat.id}`, { live: true });
    expect(await screen.findByRole("region", { name: "Version 1, 3D view" })).toBeInTheDocument();
    await waitFor(() => expect(streams.length).toBeGreaterThan(0));
    const stream = streams.at(-1)!;

    const said = makeMessage(chat.id, "Said in the other tab");
    stream.send({
      id: "1",
      event: "chat.item.updated",
      data: { chat_context_id: chat.id, item_id: said.id, item: said },
    });
    await inTimeline("Said in the other tab");

    const { version, item } = store.keep(chat.id, CODE.replace("WIDTH = 40", "WIDTH = 70"), { source: "parameters" });
    const summary = (item as Extract<ChatItem, { type: "3dmodel" }>).version;
    stream.send({ id: "2", event: "chat.version.created", data: { chat_context_id: chat.id, version: summary } });
    stream.send({ id: "3", event: "chat.item.updated", data: { chat_context_id: chat.id, item_id: item.id, item } });
    stream.send({
      id: "4",
      event: "chat.context.updated",
      data: { context: { ...store.chat(chat.id)!, name: "Renamed elsewhere" } },
    });
    expect(await screen.findByRole("heading", { level: 1, name: "Renamed elsewhere" })).toBeInTheDocument();
    await waitFor(() => expect(selectedVersion()).toMatch(/^Version 2 \(current\)/));
    expect(await screen.findByRole("region", { name: "Version 2, 3D view" })).toBeInTheDocument();
    expect(version.number).toBe(2);

    store.chats = [];
    stream.send({ id: "5", event: "chat.context.deleted", data: { chat_context_id: chat.id } });
    expect(await screen.findByRole("heading", { level: 1, name: "This chat doesn't exist" })).toBeInTheDocument();
  });
});
