/// <reference types="vitest/config" />
import react from "@vitejs/plugin-react";
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { brotliCompressSync, constants, gzipSync } from "node:zlib";
import { defineConfig, type Plugin } from "vite";

// `make dev` runs the API on $PORT (8000 unless set) and Vite here with hot reload; /api
// goes to the API.
const apiPort = process.env.PORT ?? "8000";

// Bokmål is the default language: index.html preloads its strings' chunk (src/i18n/locales/nb.ts)
// beside the entry, so that the first render does not wait for a second round trip. Nynorsk
// and English are fetched when chosen.
function preloadDefaultLocale(): Plugin {
  return {
    name: "samskap-preload-default-locale",
    apply: "build",
    transformIndexHtml: {
      order: "post",
      handler(_html, { bundle }) {
        const chunk = Object.values(bundle ?? {}).find(
          (c) => c.type === "chunk" && c.facadeModuleId?.endsWith("/src/i18n/locales/nb.ts"),
        );
        if (!chunk) throw new Error("no chunk for src/i18n/locales/nb.ts");
        return [
          {
            tag: "link",
            attrs: { rel: "modulepreload", crossorigin: true, href: `/${chunk.fileName}` },
            injectTo: "head",
          },
        ];
      },
    },
  };
}

// Each built asset above 1 KiB also as .br and .gz beside it: the server sends the one the
// browser accepts as it is (HashedAssets in backend/samskap/main.py), at the best ratio,
// without compressing on every request.
function precompressAssets(): Plugin {
  let outDir = "dist";
  return {
    name: "samskap-precompress-assets",
    apply: "build",
    configResolved(config) {
      outDir = config.build.outDir;
    },
    writeBundle(_options, bundle) {
      for (const name of Object.keys(bundle)) {
        if (!name.startsWith("assets/") || !/\.(js|css|svg|json)$/.test(name)) continue;
        const path = join(outDir, name);
        const content = readFileSync(path);
        if (content.length < 1024) continue;
        writeFileSync(`${path}.gz`, gzipSync(content, { level: 9 }));
        writeFileSync(
          `${path}.br`,
          brotliCompressSync(content, {
            params: {
              [constants.BROTLI_PARAM_QUALITY]: constants.BROTLI_MAX_QUALITY,
              [constants.BROTLI_PARAM_SIZE_HINT]: content.length,
            },
          }),
        );
      }
    },
  };
}

export default defineConfig({
  plugins: [react(), preloadDefaultLocale(), precompressAssets()],
  server: {
    port: 5173,
    proxy: { "/api": `http://127.0.0.1:${apiPort}` },
  },
  build: {
    outDir: "dist",
    sourcemap: true,
    chunkSizeWarningLimit: 600,
    rolldownOptions: {
      treeshake: {
        // Designsystemet's React package declares no "sideEffects", so importing one component
        // from its index would bring all of them (comboboxes, virtual lists, floating UI) into
        // the first page. Its modules only define components; the web components they need
        // (@digdir/designsystemet-web) keep their side effects.
        moduleSideEffects: [{ test: /\/@digdir\/designsystemet-react\//, sideEffects: false }],
      },
    },
  },
  test: {
    environment: "jsdom",
    setupFiles: ["./src/test-setup.ts"],
    include: ["src/**/*.test.{ts,tsx}"],
    // A page test renders, types and waits for the app as a user would: 1 to 3 s on an idle
    // laptop, five times that on a busy 2-core machine. The default of 5 s fails there.
    testTimeout: 30_000,
    hookTimeout: 30_000,
  },
});
