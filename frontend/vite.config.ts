/// <reference types="vitest/config" />
import react from "@vitejs/plugin-react";
import { defineConfig } from "vite";

// `make dev` runs the API on $PORT (8000 unless set) and Vite here with hot reload; /api
// goes to the API.
const apiPort = process.env.PORT ?? "8000";

export default defineConfig({
  plugins: [react()],
  server: {
    port: 5173,
    proxy: { "/api": `http://127.0.0.1:${apiPort}` },
  },
  build: {
    outDir: "dist",
    sourcemap: true,
    chunkSizeWarningLimit: 600,
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
