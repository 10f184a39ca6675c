import { screen, within } from "@testing-library/react";
import { describe, expect, it } from "vitest";

import { json, mockFetch, renderApp } from "../../test/render";
import type { ImportJob } from "../../types/index";
import CsvImport from "./CsvImport";

const RUNNING: ImportJob = {
  id: "j1",
  status: "RUNNING",
  filename: "flights.csv",
  dry_run: false,
  size_bytes: 1000,
  total_rows: 300,
  processed_rows: 100,
  inserted_rows: 100,
  updated_rows: 0,
  rejected_rows: 0,
  percent: 33.3,
  errors: [],
  error_message: null,
  created_at: "2027-01-01T00:00:00Z",
  started_at: "2027-01-01T00:00:01Z",
  finished_at: null,
};

describe("CsvImport", () => {
  it("shows a running job in the recent imports as its panel does", async () => {
    mockFetch({
      // The list was read when the job had only been queued.
      "GET /admin/imports": () =>
        json({ data: [{ ...RUNNING, status: "QUEUED", processed_rows: 0, percent: 0 }], count: 1, page: 1, page_size: 10 }),
      "GET /admin/flights/bulk-upload/status/j1": () => json(RUNNING),
    });
    renderApp(<CsvImport />, { route: "/admin/import?job=j1" });
    expect(await screen.findByRole("progressbar")).toHaveAttribute("aria-valuenow", "33");
    const recent = await screen.findByRole("table", { name: "Recent imports" });
    expect(await within(recent).findByText("Importing… 33%")).toBeInTheDocument();
  });
});
