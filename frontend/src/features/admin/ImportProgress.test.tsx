import { render, screen } from "@testing-library/react";
import { describe, expect, it } from "vitest";

import type { ImportJob } from "../../types/index";
import ImportProgress, { importPercent } from "./ImportProgress";

function job(changes: Partial<ImportJob>): ImportJob {
  return {
    id: "j1",
    status: "RUNNING",
    filename: "flights.csv",
    dry_run: false,
    size_bytes: 1000,
    total_rows: 200,
    processed_rows: 50,
    inserted_rows: 40,
    updated_rows: 0,
    rejected_rows: 10,
    percent: 25,
    errors: [],
    error_message: null,
    created_at: "2027-01-01T00:00:00Z",
    started_at: "2027-01-01T00:00:01Z",
    finished_at: null,
    ...changes,
  };
}

describe("importPercent", () => {
  it("is the job's figure while it runs, within 0–100, and 100 once it succeeded", () => {
    expect(importPercent(job({ status: "QUEUED", percent: 0 }))).toBe(0);
    expect(importPercent(job({ percent: 42.7 }))).toBe(42);
    expect(importPercent(job({ percent: 140 }))).toBe(100);
    expect(importPercent(job({ percent: -3 }))).toBe(0);
    expect(importPercent(job({ status: "SUCCEEDED", percent: 99.9 }))).toBe(100);
    expect(importPercent(job({ status: "FAILED", percent: 60 }))).toBe(60);
  });
});

describe("ImportProgress", () => {
  it("shows a progress bar with the percent and rows done", () => {
    render(<ImportProgress job={job({})} />);
    const bar = screen.getByRole("progressbar", { name: "Importing…" });
    expect(bar).toHaveAttribute("aria-valuenow", "25");
    expect(bar).toHaveAttribute("aria-valuetext", "25%, 50 of 200 rows");
    expect(screen.getByText("25%")).toBeInTheDocument();
  });

  it("reaches 100% when the import has finished", () => {
    render(<ImportProgress job={job({ status: "SUCCEEDED", processed_rows: 200, percent: 100 })} />);
    expect(screen.getByRole("progressbar", { name: "Finished" })).toHaveAttribute("aria-valuenow", "100");
  });
});
