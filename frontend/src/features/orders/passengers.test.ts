import { describe, expect, it } from "vitest";

import { ageOn, EMPTY_PASSENGER, emailError, lapError, passengerErrors, seatsFor, type PassengerForm } from "./passengers";

const TRIP = { firstDay: "2030-06-10", lastDay: "2030-06-20", today: "2030-01-01" };

function passenger(changes: Partial<PassengerForm>): PassengerForm {
  return { ...EMPTY_PASSENGER, given_name: "Ana", family_name: "Lima", ...changes };
}

describe("passenger rules", () => {
  it("counts whole years, a birthday counting from its own day", () => {
    expect(ageOn("2018-06-10", "2030-06-10")).toBe(12);
    expect(ageOn("2018-06-11", "2030-06-10")).toBe(11);
    expect(ageOn("2028-02-29", "2030-02-28")).toBe(1);
  });

  it.each([
    ["Ana", "Lima", {}],
    ["José María", "García-Núñez", {}],
    ["Zoë", "O'Brien", {}],
    ["Ødegård", "Ørsted", {}],
    ["李", "小龍", {}],
    ["Ana", "", { family_name: "Enter the family name as on the passport" }],
    ["Ana2", "Lima", { given_name: "Use letters, with spaces, hyphens or apostrophes between them (no digits)" }],
    ["Ana", "Li\u0007ma", { family_name: "Use letters, with spaces, hyphens or apostrophes between them (no digits)" }],
    ["Ana", "L".repeat(51), { family_name: "At most 50 characters" }],
  ])("names %s %s", (given, family, expected) => {
    expect(passengerErrors(passenger({ given_name: given, family_name: family }), TRIP)).toEqual(expected);
  });

  it.each<[Partial<PassengerForm>, Record<string, string>]>([
    [{ type: "CHILD" }, { date_of_birth: "Enter the date of birth of a child or an infant" }],
    [{ type: "INFANT" }, { date_of_birth: "Enter the date of birth of a child or an infant" }],
    [{ type: "ADULT", date_of_birth: "2018-06-11" }, { type: "11 years old on the first flight: choose Child" }],
    [{ type: "ADULT", date_of_birth: "2018-06-10" }, {}],
    [{ type: "CHILD", date_of_birth: "2018-06-10" }, { type: "12 years old on the first flight: choose Adult" }],
    [{ type: "CHILD", date_of_birth: "2028-06-11" }, { type: "1 year old on the first flight: choose Infant" }],
    [{ type: "CHILD", date_of_birth: "2028-06-10" }, {}],
    // Under 2 on the outbound flight, 2 on the return: needs a seat.
    [{ type: "INFANT", date_of_birth: "2028-06-15" }, { type: "An infant is under 2 on every flight: choose Child (with a seat)" }],
    [{ type: "INFANT", date_of_birth: "2028-06-21" }, {}],
    [{ type: "ADULT", date_of_birth: "1899-12-31" }, { date_of_birth: "Enter a date of birth from 1900 to today" }],
    [{ type: "INFANT", date_of_birth: "2030-01-02" }, { date_of_birth: "Enter a date of birth from 1900 to today" }],
  ])("types against dates of birth: %j", (changes, expected) => {
    expect(passengerErrors(passenger(changes), TRIP)).toEqual(expected);
  });

  it("seats an adult for each infant and counts infants out of the seats", () => {
    const adult = passenger({});
    const infant = passenger({ type: "INFANT" });
    expect(lapError([adult, infant])).toBeUndefined();
    expect(lapError([adult, infant, infant])).toBe("Each infant travels on an adult's lap: add an adult for each infant");
    expect(seatsFor([adult, infant, passenger({ type: "CHILD" })])).toBe(2);
  });

  it("wants an e-mail address that looks like one", () => {
    expect(emailError("ana@example.com")).toBeUndefined();
    expect(emailError(" ")).toBe("Enter an e-mail address for the booking confirmation");
    expect(emailError("ana@example")).toBe("Enter an e-mail address such as name@example.com");
  });
});
