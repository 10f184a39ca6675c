/**
 * How times, durations and prices are shown. The API gives each flight time as ISO 8601 in the
 * airport's own local time with its offset ("2027-03-01T09:30:00+01:00"): the wall-clock date and
 * time are read from the text itself, so they are the airport's, whatever the browser's zone.
 */

export interface LocalTime {
  /** YYYY-MM-DD at the airport */
  date: string;
  /** HH:MM at the airport */
  time: string;
  /** "+01:00", or "+00:00" for "Z" */
  offset: string;
}

const ISO = /^(\d{4}-\d{2}-\d{2})T(\d{2}:\d{2})(?::\d{2}(?:\.\d+)?)?(Z|[+-]\d{2}:\d{2})$/;

export function localTime(iso: string): LocalTime {
  const match = ISO.exec(iso);
  if (match === null) throw new Error(`not an ISO time with an offset: ${iso}`);
  const [, date = "", time = "", zone = "Z"] = match;
  return { date, time, offset: zone === "Z" ? "+00:00" : zone };
}

/** "UTC+1", "UTC−3:30", "UTC" */
export function offsetLabel(offset: string): string {
  if (offset === "+00:00" || offset === "-00:00") return "UTC";
  const sign = offset.startsWith("-") ? "−" : "+";
  const [hours = "00", minutes = "00"] = offset.slice(1).split(":");
  return `UTC${sign}${String(Number(hours))}${minutes === "00" ? "" : `:${minutes}`}`;
}

const dayFormat = new Intl.DateTimeFormat(undefined, {
  weekday: "short",
  day: "numeric",
  month: "short",
  timeZone: "UTC",
});
const dayWithYearFormat = new Intl.DateTimeFormat(undefined, {
  weekday: "short",
  day: "numeric",
  month: "short",
  year: "numeric",
  timeZone: "UTC",
});
const longDayFormat = new Intl.DateTimeFormat(undefined, { dateStyle: "full", timeZone: "UTC" });

/** A calendar date (YYYY-MM-DD) as "Mon, 1 Mar" in the reader's language, with the year
 * ("Mon, 1 Mar 2027") when it is not this year. */
export function formatDay(date: string, thisYear: number = new Date().getFullYear()): string {
  const format = date.startsWith(String(thisYear)) ? dayFormat : dayWithYearFormat;
  return format.format(new Date(`${date}T00:00:00Z`));
}

export function formatLongDay(date: string): string {
  return longDayFormat.format(new Date(`${date}T00:00:00Z`));
}

/** Whole days from one calendar date to another (arrival "+1"). */
export function daysBetween(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000);
}

// Languages whose short zone names cover the IANA abbreviations travellers know: US zones
// (EST/EDT…), Britain and Europe (GMT/BST, CET/CEST…), Australia (AEST…), India (IST), Japan (JST).
const ZONE_NAME_LOCALES = ["en-US", "en-GB", "en-AU", "en-IN", "ja-JP"];

/** The zone's abbreviation at that instant ("GMT", "BST", "CEST", "EDT", "JST"), or "" where
 * none is in common use (the offset alone is shown then). */
export function zoneAbbreviation(iso: string, timeZone: string): string {
  try {
    for (const locale of ZONE_NAME_LOCALES) {
      const parts = new Intl.DateTimeFormat(locale, { timeZone, timeZoneName: "short" }).formatToParts(new Date(iso));
      const name = parts.find((part) => part.type === "timeZoneName")?.value ?? "";
      if (/^[A-Z]{2,5}$/.test(name) && name !== "UTC") return name;
    }
  } catch {
    // an unknown zone: the offset alone
  }
  return "";
}

/** A local time's zone as travellers read it: "BST, UTC+1", or the offset alone ("UTC−3")
 * where the zone has no abbreviation in common use. */
export function zoneLabel(iso: string, timeZone: string): string {
  const abbreviation = zoneAbbreviation(iso, timeZone);
  const offset = offsetLabel(localTime(iso).offset);
  return abbreviation ? `${abbreviation}, ${offset}` : offset;
}

export function formatDuration(minutes: number): string {
  const hours = Math.floor(minutes / 60);
  const rest = minutes % 60;
  if (hours === 0) return `${rest}m`;
  return rest === 0 ? `${hours}h` : `${hours}h ${rest}m`;
}

/** "1 passenger", "3 passengers". */
export function passengersText(count: number): string {
  return count === 1 ? "1 passenger" : `${String(count)} passengers`;
}

/** The same duration in words, for a screen reader or a title: "7 hours 30 minutes". */
export function durationInWords(minutes: number): string {
  const hours = Math.floor(minutes / 60);
  const rest = minutes % 60;
  const parts = [
    hours > 0 ? `${String(hours)} hour${hours === 1 ? "" : "s"}` : "",
    rest > 0 || hours === 0 ? `${String(rest)} minute${rest === 1 ? "" : "s"}` : "",
  ];
  return parts.filter(Boolean).join(" ");
}

const priceFormats = new Map<string, Intl.NumberFormat>();

/**
 * A price as the API sends it (a decimal string) in its currency (the ISO 4217 code the API sends
 * beside every price), in the reader's language: "€1,234.50", "1.234,50 €", "¥1,235".
 */
export function formatPrice(price: string | number, currency: string): string {
  let format = priceFormats.get(currency);
  if (format === undefined) {
    format = new Intl.NumberFormat(undefined, { style: "currency", currency });
    priceFormats.set(currency, format);
  }
  return format.format(Number(price));
}

/**
 * A price as a person types it, in the API's form ("99.50"), or null when it is not one: 0 to
 * 99,999,999.99 with at most two decimals, written with a decimal point or, as many languages
 * write it, a decimal comma ("99,50").
 */
export function typedPrice(text: string): string | null {
  const trimmed = text.trim();
  const price = trimmed.includes(".") ? trimmed : trimmed.replace(/,(\d{1,2})$/, ".$1");
  return /^\d{1,8}(?:\.\d{1,2})?$/.test(price) ? price : null;
}

/** A timestamp (created, decided…) in the reader's own zone. */
export function formatInstant(iso: string): string {
  return new Date(iso).toLocaleString(undefined, { dateStyle: "medium", timeStyle: "short" });
}

/**
 * The ISO time with offset of a wall-clock time ("2027-03-01T09:30", as <input type="datetime-local">
 * gives it) in an IANA zone: what an administrator types is the airport's local time. A time that
 * does not exist (skipped by a DST change) moves forward by the gap; an ambiguous one takes the
 * earlier offset.
 */
export function zonedToIso(local: string, timeZone: string): string {
  const match = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})$/.exec(local);
  if (match === null) throw new Error(`not a local date and time: ${local}`);
  const [year, month, day, hour, minute] = match.slice(1).map(Number) as [number, number, number, number, number];
  const asUtc = Date.UTC(year, month - 1, day, hour, minute);
  // The offsets in force a day either side; a wall time is valid under an offset that holds at it.
  const before = offsetMinutes(asUtc - 86_400_000, timeZone);
  const after = offsetMinutes(asUtc + 86_400_000, timeZone);
  const valid = [before, after]
    .map((offset) => asUtc - offset * 60_000)
    .filter((instant) => isoWall(instant, timeZone) === local);
  const instant = valid.length > 0 ? Math.min(...valid) : asUtc - before * 60_000;
  return `${isoWall(instant, timeZone)}:00${formatOffset(offsetMinutes(instant, timeZone))}`;
}

function isoWall(instant: number, timeZone: string): string {
  return new Date(instant + offsetMinutes(instant, timeZone) * 60_000).toISOString().slice(0, 16);
}

function offsetMinutes(instant: number, timeZone: string): number {
  const parts = new Intl.DateTimeFormat("en-US", {
    timeZone,
    hourCycle: "h23",
    year: "numeric",
    month: "2-digit",
    day: "2-digit",
    hour: "2-digit",
    minute: "2-digit",
  }).formatToParts(new Date(instant));
  const get = (type: Intl.DateTimeFormatPartTypes) => Number(parts.find((part) => part.type === type)?.value);
  const wall = Date.UTC(get("year"), get("month") - 1, get("day"), get("hour"), get("minute"));
  return Math.round((wall - Math.floor(instant / 60_000) * 60_000) / 60_000);
}

function formatOffset(minutes: number): string {
  const sign = minutes < 0 ? "-" : "+";
  const abs = Math.abs(minutes);
  return `${sign}${String(Math.floor(abs / 60)).padStart(2, "0")}:${String(abs % 60).padStart(2, "0")}`;
}
