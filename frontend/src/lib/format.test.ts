import { describe, expect, it } from "vitest";

import {
  daysBetween,
  durationInWords,
  formatDay,
  formatDuration,
  formatPrice,
  localTime,
  offsetLabel,
  typedPrice,
  zoneAbbreviation,
  zoneLabel,
  zonedToIso,
} from "./format";

describe("local flight times", () => {
  it("reads the airport's wall-clock time from the ISO text, not the browser's zone", () => {
    expect(localTime("2027-03-01T23:30:00-05:00")).toEqual({ date: "2027-03-01", time: "23:30", offset: "-05:00" });
    expect(localTime("2027-03-01T09:05:00Z")).toEqual({ date: "2027-03-01", time: "09:05", offset: "+00:00" });
    expect(offsetLabel("+05:30")).toBe("UTC+5:30");
    expect(offsetLabel("-03:00")).toBe("UTC−3");
    expect(offsetLabel("+00:00")).toBe("UTC");
    expect(daysBetween("2027-03-01", "2027-03-02")).toBe(1);
    expect(formatDuration(425)).toBe("7h 5m");
    expect(formatDuration(45)).toBe("45m");
  });
});

describe("zonedToIso", () => {
  it("gives a wall time in the airport's zone with that zone's offset on that day", () => {
    expect(zonedToIso("2027-01-15T09:30", "Europe/London")).toBe("2027-01-15T09:30:00+00:00");
    expect(zonedToIso("2027-07-15T09:30", "Europe/London")).toBe("2027-07-15T09:30:00+01:00");
    expect(zonedToIso("2027-07-15T21:00", "America/New_York")).toBe("2027-07-15T21:00:00-04:00");
    expect(zonedToIso("2027-07-15T06:00", "Asia/Kolkata")).toBe("2027-07-15T06:00:00+05:30");
  });

  it("moves a time skipped by the spring change forward, and takes the earlier of a repeated one", () => {
    expect(zonedToIso("2027-03-28T01:30", "Europe/London")).toBe("2027-03-28T02:30:00+01:00");
    expect(zonedToIso("2027-10-31T01:30", "Europe/London")).toBe("2027-10-31T01:30:00+01:00");
  });

  it("keeps the wall-clock time that localTime reads back", () => {
    expect(localTime(zonedToIso("2027-12-01T23:45", "Pacific/Auckland"))).toEqual({
      date: "2027-12-01",
      time: "23:45",
      offset: "+13:00",
    });
  });
});

// The reader's language decides the layout; these expectations are for the test run's en-US.
describe("formatPrice", () => {
  it("shows the API's decimal string in the currency it names, with that currency's decimals", () => {
    expect(formatPrice("1234.50", "EUR")).toBe("€1,234.50");
    expect(formatPrice("99", "GBP")).toBe("£99.00");
    expect(formatPrice("0.5", "USD")).toBe("$0.50");
    expect(formatPrice("1500", "JPY")).toBe("¥1,500");
    expect(formatPrice(2 * 120.25, "CHF")).toBe("CHF\u00a0240.50");
  });
});

describe("zones and days as travellers read them", () => {
  it.each([
    ["2027-01-15T12:00:00Z", "Europe/London", "GMT"],
    ["2027-07-15T12:00:00Z", "Europe/London", "BST"],
    ["2027-01-15T12:00:00Z", "Europe/Amsterdam", "CET"],
    ["2027-07-15T12:00:00Z", "Europe/Amsterdam", "CEST"],
    ["2027-01-15T12:00:00Z", "America/New_York", "EST"],
    ["2027-07-15T12:00:00Z", "America/New_York", "EDT"],
    ["2027-07-15T12:00:00Z", "Asia/Tokyo", "JST"],
    ["2027-07-15T12:00:00Z", "America/Sao_Paulo", ""],
    ["2027-07-15T12:00:00Z", "Not/AZone", ""],
  ])("%s in %s is %s", (iso, zone, abbreviation) => {
    expect(zoneAbbreviation(iso, zone)).toBe(abbreviation);
  });

  it("labels a local time's zone with its abbreviation and offset, or the offset alone", () => {
    expect(zoneLabel("2027-07-15T13:00:00+01:00", "Europe/London")).toBe("BST, UTC+1");
    expect(zoneLabel("2027-01-15T07:00:00-05:00", "America/New_York")).toBe("EST, UTC−5");
    expect(zoneLabel("2027-07-15T09:00:00-03:00", "America/Sao_Paulo")).toBe("UTC−3");
  });

  it("names the year only when it is not this one", () => {
    expect(formatDay("2027-03-01", 2027)).not.toMatch(/2027/);
    expect(formatDay("2028-03-01", 2027)).toMatch(/2028/);
  });
});

describe("typedPrice", () => {
  it.each([
    ["99.50", "99.50"],
    [" 99,50 ", "99.50"],
    ["99,5", "99.5"],
    ["1200", "1200"],
    ["0", "0"],
    ["99.999", null],
    ["99,999", null],
    ["1,234.50", null],
    ["-1", null],
    ["abc", null],
  ])("%j is %j", (typed, price) => {
    expect(typedPrice(typed)).toBe(price);
  });
});

describe("durationInWords", () => {
  it.each([
    [450, "7 hours 30 minutes"],
    [60, "1 hour"],
    [61, "1 hour 1 minute"],
    [45, "45 minutes"],
    [0, "0 minutes"],
  ])("%d minutes is %s", (minutes, words) => {
    expect(durationInWords(minutes)).toBe(words);
  });
});
