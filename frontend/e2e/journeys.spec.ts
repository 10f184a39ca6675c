import { expect, test, type APIRequestContext, type TestInfo } from "@playwright/test";

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
  searchUrl,
  TRAVELLER_STATE,
  uniqueFlightNumber,
  uniqueUsername,
} from "./support";

/**
 * The web app as people use it, at desktop (1366×900) and phone (390×844) size: each journey
 * checks what a traveller or an administrator would run into, with a screenshot of each point.
 */

const NEXT_YEAR = new Date().getUTCFullYear() + 1;

/** A day of next year that no other test uses, one per screen size (so counts stay exact). */
function dayNextYear(testInfo: TestInfo, month: number, day: number): string {
  const shifted = day + (testInfo.project.name === "phone" ? 1 : 0);
  return `${String(NEXT_YEAR)}-${String(month).padStart(2, "0")}-${String(shifted).padStart(2, "0")}`;
}

function dayAfter(day: string): string {
  return new Date(Date.parse(`${day}T00:00:00Z`) + 86_400_000).toISOString().slice(0, 10);
}

/** A flight added by the administrator at given UTC times. */
async function addFlight(
  request: APIRequestContext,
  flight: { number?: string; source: string; destination: string; departs: string; arrives: string; price?: string },
): Promise<{ id: string; flight_number: string }> {
  const { username, password } = admin();
  const answer = await request.post("/admin/flights", {
    headers: { Authorization: `Bearer ${await apiToken(request, username, password)}` },
    data: {
      flight_number: flight.number ?? uniqueFlightNumber(),
      source: flight.source,
      destination: flight.destination,
      departure_ts: flight.departs,
      arrival_ts: flight.arrives,
      total_seats: 100,
      price: flight.price ?? "150.00",
    },
  });
  expect(answer.status(), await answer.text()).toBe(201);
  return (await answer.json()) as { id: string; flight_number: string };
}

test.describe("a visitor searching @phone", () => {
  test("sees cities, the year and the zones' names, and each new page of results from its top", async ({
    page,
    request,
  }, testInfo) => {
    const screen = testInfo.project.name;
    const date = dayNextYear(testInfo, 1, 14);
    // Eleven flights: one more than a page of results. In January Manchester keeps GMT and
    // Boston EST.
    for (let hour = 7; hour < 18; hour++) {
      const departs = `${date}T${String(hour).padStart(2, "0")}:00:00+00:00`;
      const arrives = `${date}T${String(hour + 6).padStart(2, "0")}:30:00+00:00`;
      await addFlight(request, { source: "MAN", destination: "BOS", departs, arrives, price: `${String(100 + hour)}.00` });
    }
    await page.goto(searchUrl("MAN", "BOS", date));
    const heading = page.getByRole("heading", { name: "MAN → BOS" });
    await expect(heading).toBeVisible();
    const first = page.getByRole("listitem", { name: /MAN to BOS$/ }).first();
    await expect(first).toContainText("Manchester");
    await expect(first).toContainText("Boston");
    await expect(first).toContainText(String(NEXT_YEAR));
    await expect(first).toContainText(/GMT, UTC(?![+−])/); // UTC itself: no offset to add
    await expect(first).toContainText("EST, UTC−5");
    await screenshot(page, testInfo, `journey-results-names-${screen}`);

    // The next page: the focus on the results' heading, its top in view.
    await page.getByRole("navigation", { name: "Result pages" }).getByRole("button", { name: "Next" }).click();
    await expect(page).toHaveURL(/page=2/);
    await expect(heading).toBeFocused();
    await expect(heading).toBeInViewport();
    await expect(page.getByRole("listitem", { name: /MAN to BOS$/ })).toHaveCount(1);
    await screenshot(page, testInfo, `journey-results-next-page-${screen}`);
  });

  test("opens a bookmarked search whose day has passed and is told why", async ({ page }, testInfo) => {
    await page.goto(searchUrl("LHR", "JFK", "2020-01-10"));
    await expect(page.getByLabel("Date", { exact: true })).toHaveAccessibleDescription(/Choose today or a later date/);
    await expect(page.getByRole("combobox", { name: "From" })).toHaveValue(/LHR/);
    await screenshot(page, testInfo, `journey-past-date-${testInfo.project.name}`);
  });

  test("registers from the header and comes back to the search with the flight still selected", async ({
    page,
    request,
  }, testInfo) => {
    const date = inDays(80);
    const flight = await createFlight(request, { source: "DUB", destination: "BCN", date, seats: 10 });
    await page.goto(searchUrl("DUB", "BCN", date));
    const card = page.getByRole("listitem", { name: `${flight.flight_number} DUB to BCN` });
    await card.getByRole("button", { name: "Select" }).click();
    await expect(card.getByRole("button", { name: "Selected" })).toBeFocused();

    await page.getByRole("banner").getByRole("link", { name: "Register" }).click();
    await page.getByRole("textbox", { name: "Username" }).fill(uniqueUsername("joiner"));
    await page.getByLabel("Password", { exact: true }).fill(PASSWORD);
    await page.getByLabel("Repeat password").fill(PASSWORD);
    await page.getByRole("button", { name: "Create account" }).click();

    await expect(page).toHaveURL(new RegExp(`outbound=${flight.id}`));
    await expect(card.getByRole("button", { name: "Selected" })).toBeVisible();
    await expect(page.getByRole("complementary", { name: "Your trip" })).toContainText(flight.flight_number);
    await screenshot(page, testInfo, `journey-registered-back-${testInfo.project.name}`);
  });
});

test.describe("a traveller @phone", () => {
  test.use({ storageState: TRAVELLER_STATE });

  test("finds London to New York with one stop, filters by airline and time, and checks out both flights", async ({
    page,
    request,
  }, testInfo) => {
    const screen = testInfo.project.name;
    // A summer day (British Summer Time, UTC+1) that no other run of this test is likely to use.
    const date = dayNextYear(testInfo, 8, 2 + 2 * Math.floor(Math.random() * 13));
    const digits = () => String(Math.floor(Math.random() * 900) + 100);
    const direct = await addFlight(request, { number: `BA${digits()}`, source: "LHR", destination: "JFK", departs: `${date}T08:00:00Z`, arrives: `${date}T16:00:00Z`, price: "640.00" });
    const toDublin = await addFlight(request, { number: `EI${digits()}`, source: "LHR", destination: "DUB", departs: `${date}T07:00:00Z`, arrives: `${date}T08:20:00Z`, price: "90.00" });
    const dublinOn = await addFlight(request, { number: `EI${digits()}`, source: "DUB", destination: "JFK", departs: `${date}T10:30:00Z`, arrives: `${date}T18:00:00Z`, price: "310.00" });
    const toAmsterdam = await addFlight(request, { number: `KL${digits()}`, source: "LHR", destination: "AMS", departs: `${date}T15:00:00Z`, arrives: `${date}T16:15:00Z`, price: "80.00" });
    await addFlight(request, { number: `KL${digits()}`, source: "AMS", destination: "JFK", departs: `${date}T18:00:00Z`, arrives: `${date}T02:00:00Z`.replace(date, dayAfter(date)), price: "300.00" });

    await page.goto("/");
    await page.getByRole("combobox", { name: "From" }).fill("london");
    await page.getByRole("option", { name: /^LON/ }).click();
    await expect(page.getByRole("combobox", { name: "From" })).toHaveValue("London, all airports (LON)");
    await page.getByRole("combobox", { name: "To" }).fill("new york");
    await page.getByRole("option", { name: /^NYC/ }).click();
    await page.getByLabel("Date", { exact: true }).fill(date);
    await page.getByRole("button", { name: "Search flights" }).click();
    await expect(page.getByRole("heading", { name: "LON → NYC" })).toBeFocused();

    const viaDublin = page.getByRole("listitem", { name: `${toDublin.flight_number} + ${dublinOn.flight_number} LHR to JFK` });
    await expect(viaDublin).toContainText("1 stop · DUB");
    await expect(page.getByRole("listitem", { name: `${direct.flight_number} LHR to JFK` })).toContainText("Direct");
    await expect(page.getByRole("listitem", { name: new RegExp(`^${toAmsterdam.flight_number} \\+`) })).toBeVisible();
    await screenshot(page, testInfo, `journey-connections-${screen}`);

    const filters = page.getByRole("complementary", { name: "Filters" });
    const toggle = filters.getByRole("button", { name: /^Filters/ });
    if (await toggle.isVisible()) await toggle.click(); // a drawer on a phone
    // The boxes follow the URL: the tick shows once the new search is in it.
    await filters.getByLabel("Aer Lingus").click();
    await expect(filters.getByLabel("Aer Lingus")).toBeChecked();
    await filters.getByLabel("Departure time").selectOption({ label: "Morning (05:00–11:59)" });
    await expect(page).toHaveURL(/airlines=EI/);
    await expect(page).toHaveURL(/departure_window=05%3A00-11%3A59/);
    await expect(page.getByRole("listitem", { name: /LHR to JFK$/ })).toHaveCount(1);
    await viaDublin.getByText("Flights and layovers").click();
    await expect(viaDublin).toContainText("Layover: 2 hours 10 minutes in Dublin (DUB)");
    await screenshot(page, testInfo, `journey-filtered-connection-${screen}`);

    await viaDublin.getByRole("button", { name: "Select" }).click();
    const trip = page.getByRole("complementary", { name: "Your trip" });
    await expect(trip).toContainText(toDublin.flight_number);
    await expect(trip).toContainText(dublinOn.flight_number);
    await trip.getByRole("link", { name: "Continue to passengers" }).click();
    await expect(page.getByRole("heading", { name: "Who is flying?" })).toBeFocused();
    const flights = page.getByRole("region", { name: "Your flights" });
    await expect(flights).toContainText(toDublin.flight_number);
    await expect(flights).toContainText(dublinOn.flight_number);
    await expect(page.getByText(/^1 seat on 2 flights/)).toContainText("400.00");
    await screenshot(page, testInfo, `journey-connection-checkout-${screen}`);
  });

  test("sees a flight that sold out since the last search as sold out at once", async ({ page, request }, testInfo) => {
    const date = inDays(81);
    const flight = await createFlight(request, { source: "OSL", destination: "ARN", date, seats: 2 });
    await page.goto(searchUrl("OSL", "ARN", date));
    const card = page.getByRole("listitem", { name: `${flight.flight_number} OSL to ARN` });
    await expect(card).toContainText("2 seats left");

    const { username, password } = admin();
    const sold = await bookThroughApi(request, await apiToken(request, username, password), flight.id, 2);
    expect(sold.status).toBe("CONFIRMED");
    await page.reload(); // the same search, answered from the cache with live seats
    await expect(card).toContainText("Sold out");
    await expect(card.getByRole("button", { name: "Select" })).toHaveCount(0);
    await screenshot(page, testInfo, `journey-sold-out-live-${testInfo.project.name}`);
  });

  test("the cancel question takes the focus, keeps it, and closes on Escape", async ({ page, request }, testInfo) => {
    const date = inDays(82);
    const flight = await createFlight(request, { source: "VIE", destination: "PRG", date, seats: 10 });
    await page.goto(searchUrl("VIE", "PRG", date));
    await page.getByRole("listitem", { name: `${flight.flight_number} VIE to PRG` }).getByRole("button", { name: "Select" }).click();
    await page.getByRole("link", { name: "Continue to passengers" }).click();
    await expect(page.getByRole("heading", { name: "Who is flying?" })).toBeFocused();
    const passenger = page.getByRole("group", { name: "Passenger 1" });
    await passenger.getByRole("textbox", { name: "Given names" }).fill("Eva");
    await passenger.getByRole("textbox", { name: "Family name" }).fill("Novák");
    await page.getByRole("textbox", { name: "E-mail for the booking confirmation" }).fill("eva@example.com");
    await page.getByRole("button", { name: "Hold these seats" }).click();
    await expect(page.getByRole("timer")).toBeVisible({ timeout: 30_000 });

    const cancel = page.getByRole("button", { name: "Cancel booking" });
    await cancel.click();
    const dialog = page.getByRole("alertdialog", { name: "Cancel this booking?" });
    await expect(dialog.getByRole("button", { name: /Keep/ })).toBeFocused();
    await page.keyboard.press("Tab");
    await page.keyboard.press("Tab");
    await expect(dialog.getByRole("button", { name: /Keep/ })).toBeFocused(); // Tab stays inside
    await screenshot(page, testInfo, `journey-cancel-question-${testInfo.project.name}`);
    await page.keyboard.press("Escape");
    await expect(dialog).toHaveCount(0);
    await expect(cancel).toBeFocused();
    await expect(page.getByRole("timer")).toBeVisible(); // nothing was cancelled
  });
});

test("a username is one account in any case, and a new password ends the other logins @phone", async ({
  page,
  request,
}, testInfo) => {
  const username = uniqueUsername("Mixed_Case");
  await registerThroughApi(request, username);
  const otherLogin = await apiToken(request, username, PASSWORD);
  const taken = await request.post("/api/v1/auth/register", { data: { username: username.toLowerCase(), password: PASSWORD } });
  expect(taken.status()).toBe(409);

  await page.goto("/login");
  await logIn(page, username.toUpperCase());
  const account = page.getByRole("banner").getByRole("link", { name: username });
  await account.click();
  await page.getByLabel("Current password").fill(PASSWORD);
  await page.getByLabel("New password", { exact: true }).fill("a-new-password-7");
  await page.getByLabel("Repeat the new password").fill("a-new-password-7");
  await page.getByRole("button", { name: "Change password" }).click();
  await expect(page.getByRole("status")).toHaveText(/Every other login has ended/);
  await screenshot(page, testInfo, `journey-password-changed-${testInfo.project.name}`);
  const other = await request.get("/api/v1/orders", { headers: { Authorization: `Bearer ${otherLogin}` } });
  expect(other.status()).toBe(401);
  await page.goto("/orders");
  await expect(page.getByRole("heading", { name: "My bookings" })).toBeVisible(); // this login carries on

  await page.getByRole("banner").getByRole("link", { name: username }).click();
  await page.getByRole("button", { name: "Log out" }).click();
  await expect(page.getByText("You are logged out.")).toBeVisible();
  await screenshot(page, testInfo, `journey-logged-out-${testInfo.project.name}`);
});

test.describe("an administrator @phone", () => {
  test.use({ storageState: ADMIN_STATE, locale: "de-DE" });

  test("lists a day's flights in local departure order and adds one priced with a decimal comma", async ({
    page,
    request,
  }, testInfo) => {
    const screen = testInfo.project.name;
    const date = dayNextYear(testInfo, 6, 10);
    // 09:00 in London (BST) is 08:00 UTC; 08:00 in New York (EDT) is 12:00 UTC.
    const london = await addFlight(request, { source: "LHR", destination: "EDI", departs: `${date}T08:00:00Z`, arrives: `${date}T09:30:00Z` });
    const newYork = await addFlight(request, { source: "JFK", destination: "BOS", departs: `${date}T12:00:00Z`, arrives: `${date}T13:15:00Z` });

    await page.goto("/admin");
    await page.getByLabel("Departing from").fill(date);
    await page.getByLabel("Departing until").fill(date);
    await page.getByRole("button", { name: "Filter" }).click();
    await expect(page.getByText("2 flights", { exact: true })).toBeVisible();
    const rows = page.getByRole("table", { name: "Flights" }).getByRole("rowgroup").filter({ has: page.getByRole("cell") });
    await expect(rows.nth(0)).toHaveAccessibleName(`${newYork.flight_number} JFK to BOS`);
    await expect(rows.nth(1)).toHaveAccessibleName(`${london.flight_number} LHR to EDI`);
    await expect(rows.nth(0)).toContainText(`${date} 08:00`);
    await expect(rows.nth(0)).toContainText("EDT, UTC−4");
    await expect(rows.nth(1)).toContainText(`${date} 09:00`);
    await expect(rows.nth(1)).toContainText("BST, UTC+1");
    await screenshot(page, testInfo, `journey-admin-flights-local-order-${screen}`);

    // A past departure is refused in words; a decimal comma is a price.
    const number = uniqueFlightNumber();
    await page.goto("/admin/add-flight");
    const form = page.getByRole("region", { name: "Add a flight" });
    await form.getByRole("textbox", { name: "Flight number" }).fill(number);
    await form.getByRole("combobox", { name: "Departure airport" }).fill("ber");
    await form.getByRole("option", { name: /^BER/ }).click();
    await form.getByRole("combobox", { name: "Arrival airport" }).fill("muc");
    await form.getByRole("option", { name: /^MUC/ }).click();
    await form.getByLabel("Departure (local time)").fill("2021-03-01T10:00");
    await form.getByLabel("Arrival (local time)").fill("2021-03-01T11:10");
    await form.getByLabel("Seats").fill("120");
    await form.getByRole("textbox", { name: "Price per seat" }).fill("99,50");
    await form.getByRole("button", { name: "Add flight" }).click();
    await expect(form.getByText(/would have departed already \(Mon 1 Mar 2021 10:00 at BER/)).toBeVisible();
    await screenshot(page, testInfo, `journey-admin-past-departure-${screen}`);

    await form.getByLabel("Departure (local time)").fill(`${date}T10:00`);
    await form.getByLabel("Arrival (local time)").fill(`${date}T11:10`);
    await form.getByRole("button", { name: "Add flight" }).click();
    await expect(page.getByRole("status").filter({ hasText: `Flight ${number} BER → MUC added` })).toBeVisible();
    await page.goto(`/admin?flight_number=${number}`);
    await expect(page.getByRole("rowgroup", { name: `${number} BER to MUC` })).toContainText("99,50");
    await screenshot(page, testInfo, `journey-admin-decimal-comma-${screen}`);
  });

  test("finds a traveller's bookings by a part of the username", async ({ page, request }, testInfo) => {
    const flight = await createFlight(request, { source: "ATH", destination: "SKG", date: inDays(83), seats: 10 });
    const traveller = uniqueUsername("partial");
    await registerThroughApi(request, traveller);
    await bookThroughApi(request, await apiToken(request, traveller, PASSWORD), flight.id, 1);

    await page.goto("/admin/bookings");
    await page.getByLabel("Traveller (username)").fill(traveller.slice(4, 12).toUpperCase());
    await page.getByRole("button", { name: "Filter" }).click();
    await expect(page.getByText("1 booking", { exact: true })).toBeVisible();
    await expect(page.getByRole("table", { name: "Bookings" })).toContainText(traveller);
    await screenshot(page, testInfo, `journey-admin-bookings-partial-${testInfo.project.name}`);
  });
});
