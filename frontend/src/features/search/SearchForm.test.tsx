import { screen } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { describe, expect, it, vi } from "vitest";

import { json, mockFetch, renderApp } from "../../test/render";
import SearchForm, { validateSearch } from "./SearchForm";

describe("validateSearch", () => {
  const today = "2027-03-01";
  const valid = { source: "LHR", destination: "JFK", date: "2027-03-01", seats: 2 };

  it("accepts a complete search from today on", () => {
    expect(validateSearch(valid, today)).toEqual({});
  });

  it("names every missing or wrong field", () => {
    expect(validateSearch({ source: null, destination: null, date: "", seats: 0 }, today)).toEqual({
      source: "Choose a departure airport from the list.",
      destination: "Choose an arrival airport from the list.",
      date: "Choose a date.",
      seats: "Between 1 and 9 passengers.",
    });
  });

  it("refuses the same airport both ways, a past date and too many passengers", () => {
    expect(validateSearch({ ...valid, destination: "LHR", date: "2027-02-28", seats: 10 }, today)).toEqual({
      destination: "Choose an arrival airport other than the departure.",
      date: "Choose today or a later date.",
      seats: "Between 1 and 9 passengers.",
    });
  });
});

describe("SearchForm", () => {
  it("shows the errors on their fields and does not search", async () => {
    mockFetch({});
    const onSearch = vi.fn();
    renderApp(<SearchForm onSearch={onSearch} />);
    await userEvent.click(screen.getByRole("button", { name: "Search flights" }));
    expect(screen.getByRole("combobox", { name: "From" })).toHaveAccessibleDescription(
      "Choose a departure airport from the list.",
    );
    expect(screen.getByLabelText("Date")).toHaveAccessibleDescription("Choose a date.");
    expect(onSearch).not.toHaveBeenCalled();
  });

  it("searches with the criteria it was given", async () => {
    mockFetch({});
    const onSearch = vi.fn();
    renderApp(<SearchForm initial={{ source: "LHR", destination: "JFK", date: "2999-01-01", seats: 2 }} onSearch={onSearch} />);
    await userEvent.click(screen.getByRole("button", { name: "Search flights" }));
    expect(onSearch).toHaveBeenCalledWith({ source: "LHR", destination: "JFK", date: "2999-01-01", seats: 2 });
  });
});

describe("SearchForm from a search in the URL", () => {
  it("shows the airports by city and code, not bare codes", async () => {
    mockFetch({
      "GET /api/v1/airports": (_request, url) => {
        const code = url.searchParams.get("q");
        const city = code === "JFK" ? "New York" : "London";
        return json([{ code, name: `${city} airport`, city, country: "US", timezone: "UTC" }]);
      },
    });
    renderApp(<SearchForm initial={{ source: "JFK", destination: "LHR", date: "2999-01-01", seats: 1 }} onSearch={vi.fn()} />);
    expect(await screen.findByDisplayValue("New York (JFK)")).toBeInTheDocument();
    expect(await screen.findByDisplayValue("London (LHR)")).toBeInTheDocument();
  });
});
