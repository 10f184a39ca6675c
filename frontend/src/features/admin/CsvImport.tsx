import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useEffect, useState, type SyntheticEvent } from "react";
import { useSearchParams } from "react-router";

import { usePolling } from "../../hooks/usePolling";
import { formatErrorMessage } from "../../lib/fieldErrors";
import { formatInstant } from "../../lib/format";
import { downloadRejectedRows, getImportJob, listImports, uploadFlightsCsv } from "../../services/api";
import type { ImportJob, ImportJobs } from "../../types/index";
import QueryView from "../../components/QueryView";
import ImportProgress, { FINAL_IMPORT_STATUSES, importPercent, importStatusText } from "./ImportProgress";

const isFinal = (job: ImportJob) => FINAL_IMPORT_STATUSES.includes(job.status);

/** Upload a CSV of flights, follow its import (the job id is in the URL, so a reload keeps
 * following it), see what was rejected, and the recent imports. */
export default function CsvImport() {
  const [params, setParams] = useSearchParams();
  const jobId = params.get("job");
  const show = (id: string) => {
    setParams({ job: id });
  };
  return (
    <section aria-labelledby="import-title">
      <h2 id="import-title">Import flights from CSV</h2>
      <UploadForm onStarted={show} />
      {jobId && <ImportJobView key={jobId} jobId={jobId} />}
      <RecentImports onShow={show} />
    </section>
  );
}

function UploadForm({ onStarted }: { onStarted: (jobId: string) => void }) {
  const [file, setFile] = useState<File | null>(null);
  const [dryRun, setDryRun] = useState(false);
  const [missing, setMissing] = useState(false);
  const queryClient = useQueryClient();
  const upload = useMutation({
    mutationFn: ({ chosen, dry }: { chosen: File; dry: boolean }) => uploadFlightsCsv(chosen, dry),
    onSuccess: (started) => {
      void queryClient.invalidateQueries({ queryKey: ["admin", "imports"] });
      onStarted(started.job_id);
    },
  });
  const submit = (event: SyntheticEvent) => {
    event.preventDefault();
    setMissing(file === null);
    if (file !== null) upload.mutate({ chosen: file, dry: dryRun });
  };
  const error = missing ? "Choose a CSV file." : upload.isError ? formatErrorMessage(upload.error) : undefined;
  return (
    <form noValidate className="upload-form" onSubmit={submit}>
      <div className="field">
        <label htmlFor="import-file">CSV file</label>
        <input
          id="import-file"
          type="file"
          accept=".csv,text/csv"
          aria-invalid={error !== undefined}
          aria-describedby={["import-file-hint", error ? "import-file-error" : ""].join(" ").trim()}
          onChange={(event) => {
            setFile(event.target.files?.[0] ?? null);
            setMissing(false);
            upload.reset();
          }}
        />
        <p id="import-file-hint" className="hint">
          UTF-8, header row flight_number, source, destination, departure_ts, arrival_ts, total_seats, price
          (available_seats optional). Times with their UTC offset.
        </p>
        {error && (
          <p id="import-file-error" className="field-error">
            {error}
          </p>
        )}
      </div>
      <label className="checkbox">
        <input
          type="checkbox"
          checked={dryRun}
          onChange={(event) => {
            setDryRun(event.target.checked);
          }}
        />
        Dry run: check every row, write nothing
      </label>
      <button type="submit" className="primary" disabled={upload.isPending}>
        {upload.isPending ? "Uploading…" : "Upload"}
      </button>
    </form>
  );
}

function ImportJobView({ jobId }: { jobId: string }) {
  const queryClient = useQueryClient();
  const job = usePolling({
    queryKey: ["admin", "import", jobId],
    queryFn: (signal) => getImportJob(jobId, signal),
    isFinal,
  });
  const finished = job.data !== undefined && isFinal(job.data);
  // The recent imports list shows this job as the panel does, not as of its own last poll.
  useEffect(() => {
    const latest = job.data;
    if (latest === undefined) return;
    queryClient.setQueryData<ImportJobs>(["admin", "imports", 1], (list) =>
      list && { ...list, data: list.data.map((row) => (row.id === latest.id ? latest : row)) },
    );
  }, [job.data, queryClient]);
  useEffect(() => {
    if (!finished) return;
    void queryClient.invalidateQueries({ queryKey: ["admin", "imports"] });
    void queryClient.invalidateQueries({ queryKey: ["admin", "flights"] });
  }, [finished, queryClient]);

  return (
    <QueryView query={job} loading="Loading the import…" failed="The import could not be loaded">
      {(data) => <ImportJobDetails job={data} />}
    </QueryView>
  );
}

function ImportJobDetails({ job }: { job: ImportJob }) {
  return (
    <section className="card import-job" aria-labelledby="job-title">
      <h3 id="job-title">
        {job.filename}
        {job.dry_run && <span className="badge">Dry run</span>}
      </h3>
      <ImportProgress job={job} />
      {job.status === "FAILED" && (
        <p role="alert" className="form-error">
          The import stopped: {job.error_message ?? "an unexpected error"}.{" "}
          {job.dry_run ? "" : "Rows imported before it stopped are kept."}
        </p>
      )}
      {isFinal(job) && (
        <dl className="counts" aria-label="Import results">
          <div>
            <dt>Rows</dt>
            <dd>{(job.total_rows ?? job.processed_rows).toLocaleString()}</dd>
          </div>
          <div>
            <dt>{job.dry_run ? "Would be added" : "Added"}</dt>
            <dd>{job.inserted_rows.toLocaleString()}</dd>
          </div>
          <div>
            <dt>{job.dry_run ? "Would be updated" : "Updated"}</dt>
            <dd>{job.updated_rows.toLocaleString()}</dd>
          </div>
          <div>
            <dt>Rejected</dt>
            <dd>{job.rejected_rows.toLocaleString()}</dd>
          </div>
        </dl>
      )}
      {job.rejected_rows > 0 && <RejectedRows job={job} />}
    </section>
  );
}

function RejectedRows({ job }: { job: ImportJob }) {
  const download = useMutation({
    mutationFn: () => downloadRejectedRows(job.id),
    onSuccess: ({ blob, filename }) => {
      const url = URL.createObjectURL(blob);
      const link = document.createElement("a");
      link.href = url;
      link.download = filename;
      document.body.append(link);
      link.click();
      link.remove();
      setTimeout(() => {
        URL.revokeObjectURL(url);
      }, 0);
    },
  });
  const shown = job.errors.length;
  return (
    <div className="rejected">
      <div className="rejected-head">
        <h4 id={`rejected-${job.id}`}>Rejected rows</h4>
        <button
          type="button"
          disabled={download.isPending}
          onClick={() => {
            download.mutate();
          }}
        >
          {download.isPending ? "Preparing…" : "Download rejected rows (CSV)"}
        </button>
      </div>
      {download.isError && <p className="field-error">{formatErrorMessage(download.error)}</p>}
      {shown < job.rejected_rows && (
        <p className="muted small">
          The first {shown} of {job.rejected_rows.toLocaleString()} are shown; the CSV has them all, ready to fix and upload
          again.
        </p>
      )}
      <div className="table-scroll">
        <table aria-labelledby={`rejected-${job.id}`} className="stacked">
          <thead>
            <tr>
              <th scope="col">Line</th>
              <th scope="col">Column</th>
              <th scope="col">Value</th>
              <th scope="col">Reason</th>
            </tr>
          </thead>
          <tbody>
            {job.errors.map((row, index) => (
              <tr key={`${row.line}-${row.column ?? ""}-${index}`}>
                <td data-label="Line">{row.line}</td>
                <td data-label="Column">{row.column ?? "—"}</td>
                <td data-label="Value" className="value">{row.value ?? "—"}</td>
                <td data-label="Reason">{row.reason}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </div>
  );
}

function RecentImports({ onShow }: { onShow: (jobId: string) => void }) {
  const imports = useQuery({
    queryKey: ["admin", "imports", 1],
    queryFn: ({ signal }) => listImports(1, 10, signal),
    refetchInterval: (query) => (query.state.data?.data.some((job) => !isFinal(job)) ? 2000 : false),
  });
  return (
    <section aria-labelledby="recent-imports-title" className="recent-imports">
      <h3 id="recent-imports-title">Recent imports</h3>
      <QueryView query={imports} loading="Loading imports…" failed="The imports could not be loaded">
        {(data) =>
          data.data.length === 0 ? (
            <p className="empty">No imports yet.</p>
          ) : (
            <div className="table-scroll">
              <table aria-labelledby="recent-imports-title" className="stacked">
                <thead>
                  <tr>
                    <th scope="col">File</th>
                    <th scope="col">Started</th>
                    <th scope="col">Status</th>
                    <th scope="col">Added</th>
                    <th scope="col">Updated</th>
                    <th scope="col">Rejected</th>
                    <th scope="col">
                      <span className="visually-hidden">Details</span>
                    </th>
                  </tr>
                </thead>
                <tbody>
                  {data.data.map((job) => (
                    <tr key={job.id}>
                      <td data-label="File">
                        {job.filename}
                        {job.dry_run && <span className="badge">Dry run</span>}
                      </td>
                      <td data-label="Started">{formatInstant(job.created_at)}</td>
                      <td data-label="Status">{isFinal(job) ? importStatusText(job.status) : `${importStatusText(job.status)} ${importPercent(job)}%`}</td>
                      <td data-label="Added">{job.inserted_rows.toLocaleString()}</td>
                      <td data-label="Updated">{job.updated_rows.toLocaleString()}</td>
                      <td data-label="Rejected">{job.rejected_rows.toLocaleString()}</td>
                      <td data-label="Details">
                        <button
                          type="button"
                          className="link"
                          onClick={() => {
                            onShow(job.id);
                          }}
                        >
                          View<span className="visually-hidden"> {job.filename}</span>
                        </button>
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          )
        }
      </QueryView>
    </section>
  );
}
