import type { TokenScope } from "@chat3d/shared";

export const SCOPE_LABELS: Record<TokenScope, { label: string; description: string }> = {
  read: { label: "Read", description: "List and open chats, versions, files and events." },
  write: { label: "Write", description: "Create, rename and delete chats and items; upload files." },
  render: { label: "Render", description: "Run build123d code and make versions (counts against your limits)." },
  ai: { label: "AI", description: "Ask the AI in a chat (counts against your question limit and budget)." },
  admin: { label: "Admin", description: "The admin API, on top of the scopes above. Admins only." },
};
