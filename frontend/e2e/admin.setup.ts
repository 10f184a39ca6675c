import { expect, test as setup } from "@playwright/test";

import { ADMIN_STATE, admin, logIn } from "./support";

// The administrator, logged in once through the login page.
setup("log in as the administrator", async ({ page }) => {
  const { username, password } = admin();
  await page.goto("/login");
  await logIn(page, username, password);
  await expect(page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Admin" })).toBeVisible();
  await page.context().storageState({ path: ADMIN_STATE });
});
