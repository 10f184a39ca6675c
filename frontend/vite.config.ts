/// <reference types="vitest/config" />
import react from "@vitejs/plugin-react";
import { defineConfig } from "vite";

// `npm run dev` serves the app on :5173 and forwards API calls to a local API (`make run`).
// Like the production set-ups, /admin is both a page and an API prefix: a browser navigation
// (Accept: text/html) gets the app, anything else goes to the API.
const api = process.env.SKYQUEUE_API_URL ?? "http://127.0.0.1:8000";

export default defineConfig({
  plugins: [react()],
  server: {
    proxy: {
      "/api": api,
      "/admin": {
        target: api,
        bypass: (req) => {
          const accept = req.headers.accept ?? "";
          return accept.includes("text/html") && !accept.includes("application/json")
            ? "/index.html"
            : undefined;
        },
      },
    },
  },
  test: {
    environment: "jsdom",
    globals: true,
    setupFiles: ["./src/test/setup.ts"],
    include: ["src/**/*.test.{ts,tsx}"],
    restoreMocks: true,
  },
});
