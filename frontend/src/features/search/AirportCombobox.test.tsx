import { screen, waitFor } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { describe, expect, it, vi } from "vitest";

import { json, mockFetch, renderApp } from "../../test/render";
import type { Airport } from "../../types/index";
import AirportCombobox from "./AirportCombobox";

const LONDON: Airport[] = [
  { code: "LHR", kind: "airport", name: "London Heathrow Airport", city: "London", country: "GB", timezone: "Europe/London" },
  { code: "LGW", kind: "airport", name: "London Gatwick Airport", city: "London", country: "GB", timezone: "Europe/London" },
  { code: "STN", kind: "airport", name: "London Stansted Airport", city: "London", country: "GB", timezone: "Europe/London" },
];

function setup() {
  const fetchMock = mockFetch({
    "GET /api/v1/airports": (_request, url) =>
      json(url.searchParams.get("q")?.toLowerCase() === "lon" ? LONDON : []),
  });
  const onSelect = vi.fn();
  const onSubmit = vi.fn((event: SubmitEvent) => {
    event.preventDefault();
  });
  renderApp(
    <form
      onSubmit={(event) => {
        onSubmit(event.nativeEvent);
      }}
    >
      <AirportCombobox label="From" name="source" onSelect={onSelect} debounceMs={60} />
    </form>,
  );
  return { fetchMock, onSelect, onSubmit, input: screen.getByRole("combobox", { name: "From" }), user: userEvent.setup() };
}

async function typeAndWaitForOptions(user: ReturnType<typeof userEvent.setup>, input: HTMLElement, text: string) {
  await user.type(input, text);
  await waitFor(() => {
    expect(screen.getAllByRole("option")).toHaveLength(3);
  });
}

function activeOptionText(input: HTMLElement): string | null {
  const id = input.getAttribute("aria-activedescendant");
  return id === null ? null : (document.getElementById(id)?.textContent ?? null);
}

describe("AirportCombobox", () => {
  it("asks the API once, after typing pauses, with the whole text", async () => {
    const { fetchMock, input, user } = setup();
    await typeAndWaitForOptions(user, input, "lon");
    const queried = fetchMock.mock.calls.map(([request]) => new URL(request.url).searchParams.get("q"));
    expect(queried).toEqual(["lon"]);
    expect(input).toHaveAttribute("aria-expanded", "true");
    expect(input).toHaveAttribute("aria-controls", screen.getByRole("listbox").id);
  });

  it("makes the best match active, and arrows move through the options, wrapping", async () => {
    const { input, user } = setup();
    await typeAndWaitForOptions(user, input, "lon");
    expect(activeOptionText(input)).toContain("LHR");
    await user.keyboard("{ArrowDown}");
    expect(activeOptionText(input)).toContain("LGW");
    expect(screen.getByRole("option", { name: /LGW/ })).toHaveAttribute("aria-selected", "true");
    expect(screen.getByRole("option", { name: /LHR/ })).toHaveAttribute("aria-selected", "false");
    await user.keyboard("{ArrowDown}{ArrowDown}");
    expect(activeOptionText(input)).toContain("LHR");
    await user.keyboard("{ArrowUp}");
    expect(activeOptionText(input)).toContain("STN");
    expect(input).toHaveFocus();
  });

  it("Enter picks the active option, closes the list and does not submit the form", async () => {
    const { input, user, onSelect, onSubmit } = setup();
    await typeAndWaitForOptions(user, input, "lon");
    await user.keyboard("{ArrowDown}{Enter}");
    expect(onSelect).toHaveBeenLastCalledWith(LONDON[1]);
    expect(input).toHaveValue("London (LGW)");
    expect(input).toHaveAttribute("aria-expanded", "false");
    expect(input).not.toHaveAttribute("aria-activedescendant");
    expect(onSubmit).not.toHaveBeenCalled();
    // With the list closed, Enter is the form's again.
    await user.keyboard("{Enter}");
    expect(onSubmit).toHaveBeenCalledTimes(1);
  });

  it("Escape closes the list, and a second Escape clears the text and the choice", async () => {
    const { input, user, onSelect } = setup();
    await typeAndWaitForOptions(user, input, "lon");
    await user.keyboard("{Escape}");
    expect(input).toHaveAttribute("aria-expanded", "false");
    expect(input).toHaveValue("lon");
    expect(screen.queryByRole("option")).not.toBeInTheDocument();
    await user.keyboard("{ArrowDown}");
    await waitFor(() => {
      expect(input).toHaveAttribute("aria-expanded", "true");
    });
    await user.keyboard("{Escape}{Escape}");
    expect(input).toHaveValue("");
    expect(onSelect).toHaveBeenLastCalledWith(null);
  });

  it("says so when no airport matches, and Enter then picks nothing", async () => {
    const { input, user, onSelect } = setup();
    await user.type(input, "zzz");
    expect(await screen.findByText("No airport matches")).toBeVisible();
    expect(screen.queryByRole("option")).not.toBeInTheDocument();
    await user.keyboard("{Enter}");
    expect(onSelect).not.toHaveBeenCalledWith(expect.objectContaining({ code: expect.any(String) as string }));
  });

  it("picks an option clicked with the mouse", async () => {
    const { input, user, onSelect } = setup();
    await typeAndWaitForOptions(user, input, "lon");
    await user.click(screen.getByRole("option", { name: /STN/ }));
    expect(onSelect).toHaveBeenLastCalledWith(LONDON[2]);
    expect(input).toHaveValue("London (STN)");
  });

  it("typing after a choice clears it", async () => {
    const { input, user, onSelect } = setup();
    await typeAndWaitForOptions(user, input, "lon");
    await user.keyboard("{Enter}");
    expect(onSelect).toHaveBeenLastCalledWith(LONDON[0]);
    await user.type(input, "x");
    expect(onSelect).toHaveBeenLastCalledWith(null);
  });
});
