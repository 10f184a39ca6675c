import { randomUUID } from "node:crypto";
import { resolve } from "node:path";

import { expect, type APIRequestContext, type Page, type TestInfo } from "@playwright/test";

export const PASSWORD = "e2e-traveller-9";
export const TRAVELLER_STATE = resolve(import.meta.dirname, "..", "test-results", ".auth", "traveller.json");

export function uniqueUsername(prefix = "traveller"): string {
  return `${prefix}_${randomUUID().slice(0, 8)}`;
}

export function admin(): { username: string; password: string } {
  const raw = process.env.SKYQUEUE_E2E_ADMIN;
  if (raw === undefined) throw new Error("SKYQUEUE_E2E_ADMIN is set by the global set-up");
  return JSON.parse(raw) as { username: string; password: string };
}

/** Creates an account through the API (test data is made the way a client would make it). */
export async function registerThroughApi(request: APIRequestContext, username: string, password = PASSWORD) {
  const answer = await request.post("/api/v1/auth/register", { data: { username, password } });
  expect(answer.status()).toBe(201);
}

export async function logIn(page: Page, username: string, password = PASSWORD) {
  await page.getByRole("textbox", { name: "Username" }).fill(username);
  await page.getByLabel("Password", { exact: true }).fill(password);
  await page.getByRole("button", { name: "Log in" }).click();
}

/** A full-page screenshot of a key screen, kept in test-results/screens/ as a test artifact. */
export async function screenshot(page: Page, testInfo: TestInfo, name: string) {
  const path = resolve(testInfo.project.outputDir, "screens", `${name}.png`);
  await page.screenshot({ path, fullPage: true });
  await testInfo.attach(name, { path, contentType: "image/png" });
}
