import { createReadStream, statSync } from "node:fs";
import { extname, join, normalize } from "node:path";
import { fileURLToPath } from "node:url";
import react from "@vitejs/plugin-react";
import { defineConfig, type Plugin } from "vite";

const webRoot = fileURLToPath(new URL("./src/web", import.meta.url));
const outDir = fileURLToPath(new URL("./dist/web", import.meta.url));
const nhsukAssets = fileURLToPath(
  new URL("./node_modules/nhsuk-frontend/dist/nhsuk/assets", import.meta.url),
);
const apiServer = "http://localhost:3000";

const contentTypes: Record<string, string> = {
  ".svg": "image/svg+xml",
  ".png": "image/png",
  ".ico": "image/x-icon",
  ".json": "application/json",
};

/**
 * In development, serve nhsuk-frontend's icons at /assets/ as the server does in production,
 * so the stylesheet's absolute url(/assets/images/...) references work without the API running.
 */
function nhsukAssetsInDev(): Plugin {
  return {
    name: "qi-academy:nhsuk-assets-in-dev",
    apply: "serve",
    configureServer(server) {
      server.middlewares.use("/assets", (req, res, next) => {
        const path = normalize(decodeURIComponent((req.url ?? "/").split("?")[0] ?? "/"));
        const file = join(nhsukAssets, path);
        if (!file.startsWith(nhsukAssets)) return next();
        try {
          if (!statSync(file).isFile()) return next();
        } catch {
          return next();
        }
        res.setHeader("content-type", contentTypes[extname(file)] ?? "application/octet-stream");
        createReadStream(file).pipe(res);
      });
    },
  };
}

/** Vite builds the web front end from src/web into dist/web, which the Fastify server serves. */
export default defineConfig({
  root: webRoot,
  // Nothing of ours is copied verbatim; nhsuk-frontend's assets are served by the server at /assets/.
  publicDir: false,
  plugins: [react(), nhsukAssetsInDev()],
  build: {
    outDir,
    emptyOutDir: true,
    // Our hashed bundles go to /static/ so /assets/ stays free for nhsuk-frontend's icons.
    assetsDir: "static",
    // Vite 8's default CSS minifier rejects the `@media screen\0` hack in nhsuk-frontend's CSS.
    cssMinify: "esbuild",
    sourcemap: true,
  },
  server: {
    port: 5173,
    strictPort: true,
    proxy: {
      "/api": apiServer,
      "/healthz": apiServer,
      "/readyz": apiServer,
    },
  },
  preview: { port: 4173 },
});
