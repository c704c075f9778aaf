import { fileURLToPath } from "node:url";
import tailwindcss from "@tailwindcss/vite";
import react from "@vitejs/plugin-react";
import { defaultClientConditions, defineConfig, type ProxyOptions } from "vite";
import { precompress } from "./build/precompress";

const apiTarget = process.env.API_PROXY_TARGET ?? "http://localhost:3001";

// Vite's proxy pipes responses as they arrive and drops the upstream request when the tab goes away,
// so the SSE stream needs nothing special. The API refuses cookie-carrying writes from another origin,
// and the page's origin here is the dev server's, so writes are presented as coming from the API's own.
const apiProxy: Record<string, ProxyOptions> = {
  "/api": {
    target: apiTarget,
    xfwd: true,
    configure: (proxy) => {
      proxy.on("proxyReq", (proxyReq) => {
        if (proxyReq.getHeader("origin")) proxyReq.setHeader("origin", new URL(apiTarget).origin);
      });
    },
  },
};

export default defineConfig({
  plugins: [react(), tailwindcss(), precompress()],
  resolve: {
    alias: { "@": fileURLToPath(new URL("./src", import.meta.url)) },
    // Workspace packages expose their TypeScript under "source", so dev and tests need no build of @chat3d/shared.
    conditions: ["source", ...defaultClientConditions],
  },
  server: { port: 5173, proxy: apiProxy },
  preview: { port: 4173, proxy: apiProxy },
  build: {
    outDir: "dist",
    emptyOutDir: true,
    rolldownOptions: {
      output: {
        // The libraries every page needs, in chunks of their own that stay cached across deploys. Anything
        // else (menus, toasts, and later three.js and CodeMirror) is left to follow the lazy routes that
        // import it: a catch-all vendor group would load it on first paint, the sign-in page's included.
        codeSplitting: {
          groups: [
            { name: "react", test: /node_modules[\\/](react|react-dom|scheduler)[\\/]/, priority: 2 },
            { name: "router", test: /node_modules[\\/](react-router|cookie|set-cookie-parser)[\\/]/, priority: 2 },
            { name: "query", test: /node_modules[\\/]@tanstack[\\/](query-core|react-query)[\\/]/, priority: 2 },
            { name: "zod", test: /node_modules[\\/]zod[\\/]/, priority: 2 },
          ],
        },
      },
    },
  },
});
