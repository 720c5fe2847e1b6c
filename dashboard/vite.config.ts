import { resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { defineConfig } from "vite";

const here = fileURLToPath(new URL(".", import.meta.url));

// The built pages and assets go into the Python package (api/static) so that
// `pip install` ships them; the app serves them under /static/.
export default defineConfig({
  base: "/static/",
  build: {
    outDir: resolve(here, "../api/static"),
    emptyOutDir: true,
    chunkSizeWarningLimit: 4000,
    rollupOptions: {
      // React libraries' "use client" directives mean nothing outside a server-components build.
      onwarn(warning, warn) {
        if (warning.code !== "MODULE_LEVEL_DIRECTIVE" && warning.code !== "PLUGIN_TIMINGS") warn(warning);
      },
      input: {
        dashboard: resolve(here, "index.html"),
        graphiql: resolve(here, "graphiql.html"),
        docs: resolve(here, "docs.html"),
      },
    },
  },
  server: { proxy: { "/graphql": "http://127.0.0.1:8000", "/export": "http://127.0.0.1:8000" } },
});
