import { expect, test, type Page } from "@playwright/test";

import {
  admin,
  apiToken,
  bookThroughApi,
  createFlight,
  inDays,
  pageToken,
  screenshot,
  searchUrl,
  TRAVELLER_STATE,
} from "./support";

test.use({ storageState: TRAVELLER_STATE });

async function pickAirport(page: Page, label: string, typed: string, code: string) {
  await page.getByRole("combobox", { name: label }).fill(typed);
  await page.getByRole("option", { name: new RegExp(`^${code}`) }).click();
  await expect(page.getByRole("combobox", { name: label })).toHaveValue(new RegExp(`\\(${code}\\)$`));
}

test("a traveller searches with suggestions, books, and sees the booking CONFIRMED @phone", async ({ page, request }, testInfo) => {
  const date = inDays(30);
  const flight = await createFlight(request, { source: "LHR", destination: "JFK", date, seats: 50, price: "420.00" });
  const screen = testInfo.project.name;

  await page.goto("/");
  await pickAirport(page, "From", "lon", "LHR");
  await pickAirport(page, "To", "jfk", "JFK");
  await page.getByLabel("Date", { exact: true }).fill(date);
  await page.getByLabel("Passengers").fill("2");
  await page.getByRole("button", { name: "Search flights" }).click();

  const card = page.getByRole("listitem", { name: `${flight.flight_number} LHR to JFK` });
  await expect(card).toContainText("420.00");
  await expect(card).toContainText("50 seats left");
  await expect(card).toContainText("7h 30m");
  // On a phone the price calendar is wider than the screen: its strip is scrolled sideways to show
  // the chosen day (the page is scrolled down to the calendar first, which moves nothing sideways).
  const calendar = page.getByRole("navigation", { name: "Prices around your date" });
  await calendar.scrollIntoViewIfNeeded();
  await expect(calendar.locator('[aria-current="date"]')).toBeInViewport({ ratio: 1 });
  await screenshot(page, testInfo, `search-results-${screen}`);

  // The search is in the URL: a reload shows the same results.
  await page.reload();
  await expect(card).toBeVisible();

  await card.getByRole("button", { name: "Select" }).click();
  await expect(card.getByRole("spinbutton", { name: "Seats" })).toHaveValue("2");
  await expect(card).toContainText("840.00");
  await card.getByRole("button", { name: "Confirm booking" }).click();

  await expect(page).toHaveURL(/\/bookings\/[0-9a-f-]{36}$/);
  await expect(page.getByRole("status").filter({ hasText: "Confirmed" })).toContainText("your 2 seats are booked", {
    timeout: 30_000,
  });
  await expect(page.getByText(`${flight.flight_number} · LHR → JFK`)).toBeVisible();
  await screenshot(page, testInfo, `booking-confirmed-${screen}`);
});

test("a traveller booking a flight that sells out first sees FAILED with the reason", async ({ page, request }, testInfo) => {
  const date = inDays(31);
  const flight = await createFlight(request, { source: "CDG", destination: "FCO", date, seats: 2 });

  await page.goto(searchUrl("CDG", "FCO", date));
  const card = page.getByRole("listitem", { name: `${flight.flight_number} CDG to FCO` });
  await expect(card).toContainText("2 seats left");
  await card.getByRole("button", { name: "Select" }).click();

  // Meanwhile someone else takes both seats.
  const { username, password } = admin();
  const other = await bookThroughApi(request, await apiToken(request, username, password), flight.id, 2);
  expect(other.status).toBe("CONFIRMED");

  await card.getByRole("button", { name: "Confirm booking" }).click();
  await expect(page).toHaveURL(/\/bookings\/[0-9a-f-]{36}$/);
  await expect(page.getByRole("alert")).toHaveText(/Failed: Sorry, there are not enough seats left on this flight\./, {
    timeout: 30_000,
  });
  await expect(page.getByRole("button", { name: "Cancel booking" })).toHaveCount(0);
  await screenshot(page, testInfo, "booking-failed");
});

test("a traveller cancels a booking from My bookings and sees it CANCELLED", async ({ page, request }, testInfo) => {
  const flight = await createFlight(request, { source: "AMS", destination: "LIS", date: inDays(32), seats: 20 });
  await page.goto("/bookings");
  const booked = await bookThroughApi(request, await pageToken(page), flight.id, 3);
  expect(booked.status).toBe("CONFIRMED");

  await page.reload();
  const item = page.getByRole("listitem", { name: `Booking on ${flight.flight_number}` });
  await expect(item).toContainText("Confirmed");
  await screenshot(page, testInfo, "my-bookings");
  await item.getByRole("button", { name: "Cancel booking" }).click();
  await item.getByRole("button", { name: "Yes, cancel it" }).click();
  await expect(item.getByText("Cancelled", { exact: true })).toBeVisible({ timeout: 30_000 });
  await expect(item.getByRole("button", { name: "Cancel booking" })).toHaveCount(0);
  await screenshot(page, testInfo, "my-bookings-cancelled");
});
