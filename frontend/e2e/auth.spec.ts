import { expect, test } from "@playwright/test";

import { logIn, PASSWORD, registerThroughApi, screenshot, uniqueUsername } from "./support";

test("a visitor registers, is logged in, stays logged in across a reload, and logs out @phone", async ({ page }, testInfo) => {
  const username = uniqueUsername();
  await page.goto("/");
  await page.getByRole("link", { name: "Register" }).click();
  await expect(page.getByRole("heading", { name: "Create an account" })).toBeVisible();
  await page.getByRole("textbox", { name: "Username" }).fill(username);
  await page.getByLabel("Password", { exact: true }).fill(PASSWORD);
  await page.getByLabel("Repeat password").fill(PASSWORD);
  await screenshot(page, testInfo, `register-${testInfo.project.name}`);
  await page.getByRole("button", { name: "Create account" }).click();

  await expect(page.getByRole("heading", { name: "Find a flight" })).toBeVisible();
  const account = page.getByRole("banner").getByRole("link", { name: username });
  await expect(account).toBeVisible();
  await screenshot(page, testInfo, `home-logged-in-${testInfo.project.name}`);

  await page.reload();
  await expect(account).toBeVisible();
  await account.click();
  await expect(page.getByRole("heading", { name: "Your account" })).toBeFocused();

  await page.getByRole("button", { name: "Log out" }).click();
  await expect(page).toHaveURL(/\/$/);
  await expect(page.getByText("You are logged out.")).toBeVisible();
  await expect(page.getByRole("link", { name: "Log in" })).toBeVisible();
  await page.reload();
  await expect(page.getByRole("link", { name: "Log in" })).toBeVisible();
  await expect(page.getByRole("button", { name: "Log out" })).toHaveCount(0);
});

test("registration shows the API's reasons on the fields", async ({ page, request }) => {
  const taken = uniqueUsername();
  await registerThroughApi(request, taken);
  await page.goto("/register");
  await page.getByRole("textbox", { name: "Username" }).fill(taken);
  await page.getByLabel("Password", { exact: true }).fill(PASSWORD);
  await page.getByLabel("Repeat password").fill(PASSWORD);
  await page.getByRole("button", { name: "Create account" }).click();
  await expect(page.getByRole("textbox", { name: "Username" })).toHaveAccessibleDescription(
    /That username is already taken/,
  );

  await page.getByRole("textbox", { name: "Username" }).fill(uniqueUsername());
  await page.getByLabel("Password", { exact: true }).fill("aaaaaaaa");
  await page.getByLabel("Repeat password").fill("aaaaaaaa");
  await page.getByRole("button", { name: "Create account" }).click();
  await expect(page.getByLabel("Password", { exact: true })).toHaveAccessibleDescription(/too simple/);
});

test("a wrong password is refused with a clear message", async ({ page, request }, testInfo) => {
  const username = uniqueUsername();
  await registerThroughApi(request, username);
  await page.goto("/login");
  await logIn(page, username, "not-the-password");
  await expect(page.getByRole("alert")).toHaveText("Incorrect username or password.");
  await screenshot(page, testInfo, "login-wrong-password");
});

test("an anonymous visitor is sent to log in, then back to the page they wanted", async ({ page, request }) => {
  const username = uniqueUsername();
  await registerThroughApi(request, username);
  await page.goto("/orders");
  await expect(page).toHaveURL(/\/login\?next=%2Forders$/);
  await logIn(page, username);
  await expect(page).toHaveURL(/\/orders$/);
  await expect(page.getByRole("heading", { name: "My bookings" })).toBeVisible();
});

test.describe("with a session the API no longer accepts", () => {
  test("the user is logged out cleanly and told why", async ({ page }) => {
    await page.goto("/");
    await page.evaluate(() => {
      localStorage.setItem(
        "skyqueue.session",
        JSON.stringify({ token: "no-longer-valid", expiresAt: Date.now() + 3_600_000 }),
      );
    });
    await page.goto("/orders");
    await expect(page).toHaveURL(/\/login\?next=%2Forders$/);
    await expect(page.getByText("Your session has expired. Please log in again.")).toBeVisible();
    expect(await page.evaluate(() => localStorage.getItem("skyqueue.session"))).toBeNull();
  });
});
