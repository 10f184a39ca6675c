import type { ImportJob } from "../../types/index";

export const FINAL_IMPORT_STATUSES: readonly string[] = ["SUCCEEDED", "FAILED"];

/** How far an import is, 0–100: the job's own figure while it runs, 100 once it has succeeded. */
export function importPercent(job: Pick<ImportJob, "status" | "percent">): number {
  if (job.status === "SUCCEEDED") return 100;
  if (!Number.isFinite(job.percent)) return 0;
  return Math.min(100, Math.max(0, Math.floor(job.percent)));
}

const STATUS_TEXT: Record<string, string> = {
  QUEUED: "Waiting for the importer…",
  RUNNING: "Importing…",
  SUCCEEDED: "Finished",
  FAILED: "Failed",
};

export function importStatusText(status: string): string {
  return STATUS_TEXT[status] ?? status;
}

/** A progress bar fed by the import job's status. */
export default function ImportProgress({ job }: { job: ImportJob }) {
  const percent = importPercent(job);
  const rows =
    job.total_rows === null
      ? `${job.processed_rows.toLocaleString()} rows checked`
      : `${job.processed_rows.toLocaleString()} of ${job.total_rows.toLocaleString()} rows`;
  return (
    <div className="import-progress">
      <div className="progress-label">
        <span id={`progress-${job.id}`}>{importStatusText(job.status)}</span>
        <span aria-hidden="true">{percent}%</span>
      </div>
      <div
        role="progressbar"
        aria-labelledby={`progress-${job.id}`}
        aria-valuemin={0}
        aria-valuemax={100}
        aria-valuenow={percent}
        aria-valuetext={`${percent}%, ${rows}`}
        className={`progress progress-${job.status.toLowerCase()}`}
      >
        <div className="progress-fill" style={{ width: `${percent}%` }} />
      </div>
      <p className="muted small">{rows}</p>
    </div>
  );
}
