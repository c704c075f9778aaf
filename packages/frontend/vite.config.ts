import { fileURLToPath } from "node:url";
import tailwindcss from "@tailwindcss/vite";
import react from "@vitejs/plugin-react";
import { defaultClientConditions, defineConfig, type ProxyOptions } from "vite";

// Vite's proxy pipes responses as they arrive and drops the upstream request when the tab goes away,
// so the SSE stream needs nothing special; xfwd lets the API's Origin check see the public host.
const apiProxy: Record<string, ProxyOptions> = {
  "/api": { target: process.env.API_PROXY_TARGET ?? "http://localhost:3001", xfwd: true },
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
