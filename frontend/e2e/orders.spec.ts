import { expect, test, type Page } from "@playwright/test";

import {
  admin,
  apiToken,
  bookThroughApi,
  createFlight,
  inDays,
  logIn,
  registerThroughApi,
  screenshot,
  searchUrl,
  TRAVELLER_STATE,
  uniqueUsername,
} from "./support";

const SUCCEEDS = "4242 4242 4242 4242";
const DECLINED = "4000 0000 0000 0002";

async function pickAirport(page: Page, label: string, typed: string, code: string) {
  await page.getByRole("combobox", { name: label }).fill(typed);
  await page.getByRole("option", { name: new RegExp(`^${code}`) }).click();
  await expect(page.getByRole("combobox", { name: label })).toHaveValue(new RegExp(`\\(${code}\\)$`));
}

async function fillPassenger(page: Page, number: number, given: string, family: string) {
  const passenger = page.getByRole("group", { name: `Passenger ${String(number)}` });
  await passenger.getByRole("textbox", { name: "Given names" }).fill(given);
  await passenger.getByRole("textbox", { name: "Family name" }).fill(family);
}

/** From the order page after "Hold these seats": waits for the workers' hold. */
async function expectHeld(page: Page) {
  await expect(page).toHaveURL(/\/orders\/[0-9a-f-]{36}$/);
  await expect(page.getByRole("timer")).toBeVisible({ timeout: 30_000 });
  await expect(page.getByText("Held", { exact: true }).first()).toBeVisible();
}

test.describe("a traveller with an account", () => {
  test.use({ storageState: TRAVELLER_STATE });

  test("books a round trip for two, pays, finds it with Manage booking and cancels it with the quote @phone", async ({
    page,
    request,
  }, testInfo) => {
    const screen = testInfo.project.name;
    const out = inDays(40);
    const back = inDays(47);
    const outbound = await createFlight(request, { source: "LHR", destination: "JFK", date: out, seats: 50, price: "420.00" });
    const inbound = await createFlight(request, { source: "JFK", destination: "LHR", date: back, seats: 50, price: "380.50" });

    await page.goto("/");
    await pickAirport(page, "From", "lon", "LHR");
    await pickAirport(page, "To", "jfk", "JFK");
    await page.getByLabel("Date", { exact: true }).fill(out);
    await page.getByLabel("Return (optional)").fill(back);
    await page.getByLabel("Passengers").fill("2");
    await page.getByRole("button", { name: "Search flights" }).click();

    // The results come into view with the focus; on a phone the form folds into a summary.
    await expect(page.getByRole("heading", { name: "LHR → JFK" })).toBeFocused();
    await expect(page.getByRole("heading", { name: "LHR → JFK" })).toBeInViewport();
    await expect(page.getByRole("button", { name: "Change search" })).toBeVisible({ visible: screen === "phone" });
    const outCard = page.getByRole("listitem", { name: `${outbound.flight_number} LHR to JFK` });
    const backCard = page.getByRole("listitem", { name: `${inbound.flight_number} JFK to LHR` });
    await expect(outCard).toContainText("50 seats left");
    await outCard.getByRole("button", { name: "Select" }).click();
    await expect(outCard.getByRole("button", { name: "Selected" })).toBeVisible();
    await backCard.getByRole("button", { name: "Select" }).click();
    const trip = page.getByRole("complementary", { name: "Your trip" });
    await expect(trip).toContainText("Total for 2 passengers");
    await expect(trip).toContainText("1,601.00"); // (420.00 + 380.50) × 2
    await screenshot(page, testInfo, `trip-chosen-${screen}`);
    await trip.getByRole("link", { name: "Continue to passengers" }).click();

    await expect(page.getByRole("heading", { name: "Who is flying?" })).toBeVisible();
    await fillPassenger(page, 1, "Ana", "Lima");
    await fillPassenger(page, 2, "José", "Núñez-García");
    await page.getByRole("textbox", { name: "E-mail for the booking confirmation" }).fill("ana@example.com");
    await expect(page.getByText(/^2 seats on 2 flights/)).toContainText("1,601.00");
    await screenshot(page, testInfo, `checkout-${screen}`);
    await page.getByRole("button", { name: "Hold these seats" }).click();

    await expectHeld(page);
    await page.getByRole("textbox", { name: "Card number" }).fill(SUCCEEDS);
    await page.getByRole("button", { name: "Pay now" }).click();
    await expect(page.getByText(/^Confirmed: paid, and ticketed/)).toBeVisible({ timeout: 30_000 });
    const reference = (await page.locator(".reference strong").textContent()) ?? "";
    expect(reference).toMatch(/^[A-Z2-9]{6}$/);
    await expect(page.getByText(/Tickets \d{13}, \d{13}/)).toHaveCount(2);
    await screenshot(page, testInfo, `order-confirmed-${screen}`);
    const orderUrl = page.url();

    // Manage booking: found by reference and family name, in any case and without accents.
    await page.getByRole("link", { name: "Manage booking" }).click();
    await page.getByRole("textbox", { name: "Booking reference" }).fill(reference.toLowerCase());
    await page.getByRole("textbox", { name: "Family name" }).fill("nunez-garcia");
    await page.getByRole("button", { name: "Find booking" }).click();
    const found = page.getByRole("article", { name: `Booking ${reference}` });
    await expect(found).toContainText("José Núñez-García");
    await expect(found).toContainText(`${inbound.flight_number} · JFK → LHR`);
    await screenshot(page, testInfo, `manage-booking-${screen}`);

    // Cancel: the refund is shown before anything is cancelled.
    await page.goto(orderUrl);
    await page.getByRole("button", { name: "Cancel booking" }).click();
    const dialog = page.getByRole("alertdialog", { name: "Cancel this booking?" });
    await expect(dialog).toContainText("You will be refunded €1,601.00 of the €1,601.00 paid.");
    await screenshot(page, testInfo, `cancel-quote-${screen}`);
    await dialog.getByRole("button", { name: "Yes, cancel it" }).click();
    await expect(page.getByText("Cancelled. €1,601.00 refunded to your card.")).toBeVisible({ timeout: 30_000 });

    await page.getByRole("link", { name: "My bookings", exact: true }).click();
    await expect(page.getByRole("listitem", { name: `Booking ${reference}` })).toContainText("Cancelled");
  });

  test("a declined card gets a clear message and the hold stays", async ({ page, request }, testInfo) => {
    const date = inDays(41);
    const flight = await createFlight(request, { source: "CDG", destination: "FCO", date, seats: 10, price: "89.99" });
    await page.goto(`${searchUrl("CDG", "FCO", date)}&outbound=${flight.id}`);
    await page.getByRole("complementary", { name: "Your trip" }).getByRole("link", { name: "Continue to passengers" }).click();
    await fillPassenger(page, 1, "Zoë", "O'Brien");
    await page.getByRole("textbox", { name: "E-mail for the booking confirmation" }).fill("zoe@example.com");
    await page.getByRole("button", { name: "Hold these seats" }).click();
    await expectHeld(page);

    await page.getByRole("textbox", { name: "Card number" }).fill(DECLINED);
    await page.getByRole("button", { name: "Pay now" }).click();
    await expect(page.getByRole("alert")).toHaveText(
      "The card was declined: use another card. Your seats stay held: try again before the time runs out.",
    );
    await expect(page.getByRole("timer")).toBeVisible();
    await screenshot(page, testInfo, "card-declined");
    await page.reload();
    await expect(page.getByRole("timer")).toBeVisible(); // still held, as the API says
  });

  test("an order whose flight sells out first fails with the reason and holds nothing", async ({ page, request }, testInfo) => {
    const date = inDays(42);
    const flight = await createFlight(request, { source: "AMS", destination: "LIS", date, seats: 2 });
    await page.goto(`${searchUrl("AMS", "LIS", date, 2)}&outbound=${flight.id}`);
    await page.getByRole("link", { name: "Continue to passengers" }).click();
    await fillPassenger(page, 1, "Ana", "Lima");
    await fillPassenger(page, 2, "Bo", "Lima");
    await page.getByRole("textbox", { name: "E-mail for the booking confirmation" }).fill("ana@example.com");

    // Meanwhile someone else takes both seats.
    const { username, password } = admin();
    const other = await bookThroughApi(request, await apiToken(request, username, password), flight.id, 2);
    expect(other.status).toBe("CONFIRMED");

    await page.getByRole("button", { name: "Hold these seats" }).click();
    // The checkout read the seats live: it says so before sending anything.
    await expect(page.getByRole("alert")).toContainText(/has 0 seats left|fewer than the 2/);
    await screenshot(page, testInfo, "order-sold-out");
  });
});

test("a visitor who chose flights logs in and comes back to the checkout with them", async ({ page, request }) => {
  const date = inDays(43);
  const flight = await createFlight(request, { source: "MAD", destination: "BCN", date, seats: 10 });
  const username = uniqueUsername();
  await registerThroughApi(request, username);
  await page.goto(`${searchUrl("MAD", "BCN", date)}&outbound=${flight.id}`);
  await page.getByRole("link", { name: "Continue to passengers" }).click();
  await expect(page).toHaveURL(/\/login\?next=/);
  await logIn(page, username);
  await expect(page.getByRole("heading", { name: "Who is flying?" })).toBeVisible();
  await expect(page.getByText(`${flight.flight_number} · MAD → BCN`)).toBeVisible();
});
