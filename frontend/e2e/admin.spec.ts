import { expect, test } from "@playwright/test";

import { admin, logIn, screenshot, TRAVELLER_STATE } from "./support";

test.describe("a traveller", () => {
  test.use({ storageState: TRAVELLER_STATE });

  test("sees no admin link and cannot reach the admin page", async ({ page }, testInfo) => {
    await page.goto("/");
    await expect(page.getByRole("button", { name: "Log out" })).toBeVisible();
    await expect(page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Admin" })).toHaveCount(0);
    await page.goto("/admin");
    await expect(page.getByRole("heading", { name: "Administrators only" })).toBeVisible();
    await expect(page.getByRole("heading", { name: "Administration" })).toHaveCount(0);
    await screenshot(page, testInfo, "admin-refused");
  });
});

test("an administrator has the admin link and page", async ({ page }, testInfo) => {
  const { username, password } = admin();
  await page.goto("/admin");
  await expect(page).toHaveURL(/\/login\?next=%2Fadmin$/);
  await logIn(page, username, password);
  await expect(page.getByRole("heading", { name: "Administration" })).toBeVisible();
  await page.reload();
  await expect(page.getByRole("heading", { name: "Administration" })).toBeVisible();
  await page.getByRole("link", { name: "Search" }).click();
  await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Admin" }).click();
  await expect(page).toHaveURL(/\/admin$/);
  await screenshot(page, testInfo, "admin");
});
