import { expect, test as setup } from "@playwright/test";

import { logIn, registerThroughApi, TRAVELLER_STATE, uniqueUsername } from "./support";

// One ordinary account, logged in once through the login page; tests that need a logged-in
// traveller start from the saved browser state.
setup("log in as a traveller", async ({ page, request }) => {
  const username = uniqueUsername();
  await registerThroughApi(request, username);
  await page.goto("/login");
  await logIn(page, username);
  await expect(page.getByRole("button", { name: "Log out" })).toBeVisible();
  await page.context().storageState({ path: TRAVELLER_STATE });
});
