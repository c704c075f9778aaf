import { fileURLToPath } from "node:url";
import tailwindcss from "@tailwindcss/vite";
import react from "@vitejs/plugin-react";
import { defaultClientConditions, defineConfig, type ProxyOptions } from "vite";

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
  plugins: [react(), tailwindcss()],
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
        // Libraries change far less often than the app, so separate chunks stay cached across deploys.
        codeSplitting: {
          groups: [
            { name: "react", test: /node_modules[\\/](react|react-dom|scheduler)[\\/]/, priority: 2 },
            { name: "vendor", test: /node_modules[\\/]/, priority: 1 },
          ],
        },
      },
    },
  },
});
