import { defineConfig } from "@playwright/test";

/**
 * Browser end-to-end tests against the real system: `e2e/global-setup.ts` starts the API (serving
 * the built app, so run `npm run build` first), a worker, a fresh database and Redis db, and stops
 * them afterwards. Chromium is Debian's (`apt-get install chromium`), driven headless; no browser
 * is downloaded. Screenshots of the key screens land in test-results/screens/.
 */
export default defineConfig({
  testDir: "e2e",
  outputDir: "test-results",
  globalSetup: "./e2e/global-setup.ts",
  // Two shared cores: one browser at a time, with generous waits.
  workers: 1,
  timeout: 60_000,
  expect: { timeout: 15_000 },
  forbidOnly: Boolean(process.env.CI),
  reporter: [["list"]],
  use: {
    baseURL: process.env.SKYQUEUE_E2E_BASE_URL,
    browserName: "chromium",
    launchOptions: {
      executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
      args: [
        "--headless",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--no-first-run",
      ],
    },
    screenshot: "only-on-failure",
    trace: "retain-on-failure",
  },
  projects: [
    { name: "setup", testMatch: /.*\.setup\.ts/ },
    { name: "desktop", dependencies: ["setup"], use: { viewport: { width: 1366, height: 900 } } },
    // The flows tagged @phone again on a phone-sized screen.
    {
      name: "phone",
      dependencies: ["setup"],
      grep: /@phone/,
      use: { viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true },
    },
  ],
});
