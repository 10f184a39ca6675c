import AxeBuilder from "@axe-core/playwright";
import { expect, test, type Page, type TestInfo } from "@playwright/test";

import {
  ADMIN_STATE,
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

/** Every axe-core rule for WCAG 2.1 A and AA, and the best practices, on the page as it is. */
async function expectNoViolations(page: Page, testInfo: TestInfo, name: string) {
  const results = await new AxeBuilder({ page })
    .withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "best-practice"])
    .analyze();
  const found = results.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`);
  await screenshot(page, testInfo, `a11y-${name}-${testInfo.project.name}`);
  expect(found, name).toEqual([]);
  // Nothing wider than the screen: no page scrolls sideways, on a phone either.
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  expect(overflow, `${name} is wider than the screen`).toBeLessThanOrEqual(0);
}

/** A held order of the page's traveller, through the API (as the checkout makes one). */
async function heldOrder(page: Page, flightId: string): Promise<{ id: string; reference: string }> {
  const headers = { Authorization: `Bearer ${await pageToken(page)}` };
  const answer = await page.request.post("/api/v1/orders", {
    headers,
    data: {
      flight_ids: [flightId],
      passengers: [{ given_name: "Ana", family_name: "Lima", type: "ADULT" }],
      contact_email: "ana@example.com",
    },
  });
  expect(answer.status()).toBe(202);
  const order = (await answer.json()) as { id: string; reference: string };
  await expect
    .poll(async () => ((await (await page.request.get(`/api/v1/orders/${order.id}`, { headers })).json()) as { status: string }).status)
    .toBe("HELD");
  return order;
}

test.describe("pages anyone sees @phone", () => {
  test("home, results, log in, register, manage booking, not found", async ({ page, request }, testInfo) => {
    const date = inDays(50);
    await createFlight(request, { source: "LHR", destination: "JFK", date, seats: 20 });
    await page.goto("/");
    await expectNoViolations(page, testInfo, "home");
    await page.goto(searchUrl("LHR", "JFK", date, 2));
    await expect(page.getByRole("button", { name: "Select" }).first()).toBeVisible();
    await expectNoViolations(page, testInfo, "results");
    await page.goto("/login");
    await expectNoViolations(page, testInfo, "login");
    await page.goto("/register");
    await expectNoViolations(page, testInfo, "register");
    await page.goto("/manage");
    await expectNoViolations(page, testInfo, "manage");
    await page.goto("/no/such/page");
    await expectNoViolations(page, testInfo, "not-found");
  });
});

test.describe("a traveller's pages @phone", () => {
  test.use({ storageState: TRAVELLER_STATE });

  test("checkout, a held order, my bookings, a booking found by reference", async ({ page, request }, testInfo) => {
    const date = inDays(51);
    const flight = await createFlight(request, { source: "CDG", destination: "FCO", date, seats: 20 });
    await page.goto(`/checkout?flights=${flight.id}&passengers=2`);
    await expect(page.getByRole("group", { name: "Passenger 2" })).toBeVisible();
    await expectNoViolations(page, testInfo, "checkout");
    await page.getByRole("button", { name: "Hold these seats" }).click();
    await expect(page.getByText("Enter the given name as on the passport").first()).toBeVisible();
    await expectNoViolations(page, testInfo, "checkout-errors");

    const order = await heldOrder(page, flight.id);
    await page.goto(`/orders/${order.id}`);
    await expect(page.getByRole("timer")).toBeVisible();
    await expectNoViolations(page, testInfo, "order-held");
    await page.goto("/orders");
    await expect(page.getByRole("listitem", { name: `Booking ${order.reference}` })).toBeVisible();
    await expectNoViolations(page, testInfo, "my-bookings");
    await page.goto(`/manage?reference=${order.reference}&last_name=Lima`);
    await expect(page.getByRole("article", { name: `Booking ${order.reference}` })).toBeVisible();
    await expectNoViolations(page, testInfo, "manage-found");
  });
});

test.describe("an administrator's pages @phone", () => {
  test.use({ storageState: ADMIN_STATE });

  test("flights, add a flight, bookings, import, an import with rejected rows", async ({ page, request }, testInfo) => {
    const date = inDays(52);
    const flight = await createFlight(request, { source: "AMS", destination: "LIS", date, seats: 20 });
    const { username, password } = admin();
    await bookThroughApi(request, await apiToken(request, username, password), flight.id, 2);
    for (const [path, name] of [
      ["/admin", "admin-flights"],
      ["/admin/add-flight", "admin-add-flight"],
      ["/admin/bookings", "admin-bookings"],
      ["/admin/import", "admin-import"],
    ] as const) {
      await page.goto(path);
      await expect(page.getByRole("heading", { name: "Administration" })).toBeVisible();
      await page.waitForLoadState("networkidle");
      await expectNoViolations(page, testInfo, name);
    }
    // On a phone the bookings table is one block per booking, each value labelled.
    await page.goto("/admin/bookings");
    const cell = page.getByRole("cell", { name: flight.flight_number }).first();
    await expect(cell).toBeVisible();
    await expect(cell).toHaveCSS("display", testInfo.project.name === "phone" ? "block" : "table-cell");
    const csv = [
      "flight_number,source,destination,departure_ts,arrival_ts,total_seats,available_seats,price",
      `QC100,MAD,ZZZ,${date}T10:00:00+02:00,${date}T11:15:00+02:00,150,,89.90`,
    ].join("\n");
    const upload = await page.request.post("/admin/flights/bulk-upload", {
      headers: { Authorization: `Bearer ${await pageToken(page)}` },
      multipart: { file: { name: "a11y.csv", mimeType: "text/csv", buffer: Buffer.from(csv) } },
    });
    expect(upload.status()).toBe(202);
    await page.goto(`/admin/import?job=${((await upload.json()) as { job_id: string }).job_id}`);
    await expect(page.getByRole("table", { name: "Rejected rows" })).toBeVisible({ timeout: 45_000 });
    await expectNoViolations(page, testInfo, "admin-import-rejected");
  });
});
