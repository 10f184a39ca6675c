import { expect, test } from "@playwright/test";

import {
  ADMIN_STATE,
  admin,
  apiToken,
  bookThroughApi,
  createFlight,
  inDays,
  logIn,
  PASSWORD,
  registerThroughApi,
  screenshot,
  TRAVELLER_STATE,
  uniqueFlightNumber,
  uniqueUsername,
} from "./support";

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

test.describe("an administrator", () => {
  test.use({ storageState: ADMIN_STATE });

  test("uploads a CSV with bad rows, watches the progress reach 100% and sees the rejected rows", async ({ page }, testInfo) => {
    const date = inDays(50);
    const good = (n: number) =>
      `QB${String(100 + n)},MAD,BCN,${date}T0${String(n)}:00:00+02:00,${date}T0${String(n + 1)}:15:00+02:00,150,,89.90`;
    const csv = [
      "flight_number,source,destination,departure_ts,arrival_ts,total_seats,available_seats,price",
      good(1),
      good(2),
      `QB200,MAD,ZZZ,${date}T10:00:00+02:00,${date}T11:15:00+02:00,150,,89.90`,
      good(3),
      `QB201,MAD,BCN,${date}T10:00:00+02:00,${date}T09:00:00+02:00,150,,89.90`,
    ].join("\n");

    await page.goto("/admin");
    await page.getByRole("navigation", { name: "Administration" }).getByRole("link", { name: "Import CSV" }).click();
    await page.getByLabel("CSV file").setInputFiles({ name: "e2e-flights.csv", mimeType: "text/csv", buffer: Buffer.from(csv) });
    await page.getByRole("button", { name: "Upload" }).click();

    await expect(page.getByRole("progressbar")).toHaveAttribute("aria-valuenow", "100", { timeout: 45_000 });
    await expect(page).toHaveURL(/\/admin\/import\?job=/);
    const results = page.getByRole("definition");
    await expect(results).toHaveText(["5", "3", "0", "2"]);
    const rejected = page.getByRole("table", { name: "Rejected rows" });
    await expect(rejected.getByRole("row")).toHaveCount(3);
    // Each rejected row's cells, whole: line, column, value (a reason that mentions a digit
    // must not pass for the line number).
    const cells = (row: number) => rejected.getByRole("row").nth(row).getByRole("cell");
    await expect(cells(1).nth(0)).toHaveText("4");
    await expect(cells(1).nth(1)).toHaveText("destination");
    await expect(cells(1).nth(2)).toHaveText("ZZZ");
    await expect(cells(2).nth(0)).toHaveText("6");
    await expect(cells(2).nth(1)).toHaveText("arrival_ts");
    await screenshot(page, testInfo, "admin-import");

    const download = page.waitForEvent("download");
    await page.getByRole("button", { name: "Download rejected rows (CSV)" }).click();
    expect((await download).suggestedFilename()).toBe("e2e-flights-errors.csv");

    // A reload keeps following the same job; the recent imports list it.
    await page.reload();
    await expect(page.getByRole("progressbar")).toHaveAttribute("aria-valuenow", "100");
    await expect(page.getByRole("table", { name: "Recent imports" })).toContainText("e2e-flights.csv");
  });

  test("adds a flight, with validation messages on the fields, then edits and cancels it", async ({ page }, testInfo) => {
    const number = uniqueFlightNumber();
    const date = inDays(60);
    await page.goto("/admin/add-flight");
    const form = page.getByRole("region", { name: "Add a flight" });
    await form.getByRole("textbox", { name: "Flight number" }).fill("1234");
    await form.getByRole("combobox", { name: "Departure airport" }).fill("cdg");
    await form.getByRole("option", { name: /CDG/ }).click();
    await form.getByRole("combobox", { name: "Arrival airport" }).fill("fco");
    await form.getByRole("option", { name: /FCO/ }).click();
    await form.getByLabel("Departure (local time)").fill(`${date}T10:00`);
    await form.getByLabel("Arrival (local time)").fill(`${date}T09:00`);
    await form.getByLabel("Seats").fill("120");
    await form.getByRole("textbox", { name: "Price per seat" }).fill("75.50");
    await form.getByRole("button", { name: "Add flight" }).click();
    await expect(form.getByRole("textbox", { name: "Flight number" })).toHaveAccessibleDescription(/e\.g\. BA117/);
    await expect(form.getByLabel("Arrival (local time)")).toHaveAccessibleDescription(/must be after the departure/);
    await screenshot(page, testInfo, "admin-add-flight-errors");

    await form.getByRole("textbox", { name: "Flight number" }).fill(number);
    await form.getByLabel("Arrival (local time)").fill(`${date}T12:05`);
    await form.getByRole("button", { name: "Add flight" }).click();
    await expect(page.getByRole("status").filter({ hasText: `Flight ${number} CDG → FCO added` })).toBeVisible();

    // The same flight again: the API's 409 lands on the flight number.
    await form.getByRole("textbox", { name: "Flight number" }).fill(number);
    await form.getByRole("combobox", { name: "Departure airport" }).fill("cdg");
    await form.getByRole("option", { name: /CDG/ }).click();
    await form.getByRole("combobox", { name: "Arrival airport" }).fill("fco");
    await form.getByRole("option", { name: /FCO/ }).click();
    await form.getByLabel("Departure (local time)").fill(`${date}T10:00`);
    await form.getByLabel("Arrival (local time)").fill(`${date}T12:05`);
    await form.getByLabel("Seats").fill("120");
    await form.getByRole("textbox", { name: "Price per seat" }).fill("75.50");
    await form.getByRole("button", { name: "Add flight" }).click();
    await expect(form.getByRole("textbox", { name: "Flight number" })).toHaveAccessibleDescription(/already/);

    await page.getByRole("navigation", { name: "Administration" }).getByRole("link", { name: "Flights" }).click();
    await expect(page.getByRole("heading", { name: "Flights", exact: true })).toBeVisible();
    await page.getByLabel("Flight number").fill(number);
    await page.getByRole("button", { name: "Filter" }).click();
    await expect(page).toHaveURL(new RegExp(`/admin\\?flight_number=${number}$`));
    await expect(page.getByText("1 flight", { exact: true })).toBeVisible();
    const row = page.getByRole("rowgroup", { name: `${number} CDG to FCO` });
    await expect(row).toContainText(`${date} 10:00`);
    await expect(row).toContainText("120 of 120");
    await row.getByRole("button", { name: "Edit" }).click();
    await row.getByRole("textbox", { name: "Price per seat" }).fill("80");
    await row.getByLabel("Total seats").fill("100");
    await row.getByRole("button", { name: "Save changes" }).click();
    await expect(row).toContainText("100 of 100");
    await expect(row).toContainText("80.00");
    await row.getByRole("button", { name: "Cancel flight" }).click();
    await row.getByRole("button", { name: "Yes, cancel the flight" }).click();
    await expect(row).toContainText("Cancelled");
    await screenshot(page, testInfo, "admin-flights");
  });

  test("follows a flight's bookings from the flights table and filters them", async ({ page, request }, testInfo) => {
    const flight = await createFlight(request, { source: "LIS", destination: "MAD", date: inDays(70), seats: 3 });
    const traveller = uniqueUsername();
    await registerThroughApi(request, traveller);
    const token = await apiToken(request, traveller, PASSWORD);
    expect((await bookThroughApi(request, token, flight.id, 2)).status).toBe("CONFIRMED");
    expect((await bookThroughApi(request, token, flight.id, 2)).status).toBe("FAILED");

    await page.goto(`/admin?flight_number=${flight.flight_number}`);
    const row = page.getByRole("rowgroup", { name: `${flight.flight_number} LIS to MAD` });
    await row.getByRole("link", { name: "Bookings" }).click();
    await expect(page).toHaveURL(new RegExp(`/admin/bookings\\?flight_id=${flight.id}$`));
    await expect(page.getByText(`On flight ${flight.flight_number} LIS → MAD`)).toBeVisible();
    await expect(page.getByText("2 bookings", { exact: true })).toBeVisible();
    const rows = page.getByRole("table", { name: "Bookings" }).getByRole("row");
    await expect(rows).toHaveCount(3);
    await expect(rows.nth(1)).toContainText("Failed"); // newest first
    await expect(rows.nth(1)).toContainText("sold out");
    await expect(rows.nth(2)).toContainText("Confirmed");
    await expect(rows.nth(2)).toContainText(traveller);
    await screenshot(page, testInfo, "admin-bookings");

    await page.getByLabel("Traveller (username)").fill(traveller.toUpperCase());
    await page.getByLabel("Status").selectOption("CONFIRMED");
    await page.getByRole("button", { name: "Filter" }).click();
    await expect(page.getByText("1 booking", { exact: true })).toBeVisible();
    await expect(rows).toHaveCount(2);
    await page.reload();
    await expect(rows.nth(1)).toContainText("Confirmed");
  });
});
