"use client";

import { usePathname, useRouter, useSearchParams } from "next/navigation";
import { BarChart } from "@/components/charts/BarChart";
import { DataTable } from "@/components/DataTable";
import { PageHeader } from "@/components/layout/PageHeader";
import { Panel, queryState } from "@/components/Panel";
import type { EtlRunDetail, QualityCheckRow } from "@/db/queries/pipeline/getEtlRunDetail";
import type { EtlRunRow } from "@/db/queries/pipeline/getEtlRuns";
import type { RejectReasonRow } from "@/db/queries/pipeline/getRejectedRows";
import { useEtlRunDetail, useEtlRuns, useRejectedRows } from "@/hooks/api/usePipeline";
import { formatValue } from "@/lib/format";

const STATUS_STYLE: Record<string, string> = {
  succeeded: "bg-green-100 text-green-800 dark:bg-green-950 dark:text-green-300",
  no_op: "bg-slate-100 text-slate-700 dark:bg-slate-800 dark:text-slate-300",
  running: "bg-blue-100 text-blue-800 dark:bg-blue-950 dark:text-blue-300",
};
const FAILED_STYLE = "bg-red-100 text-red-800 dark:bg-red-950 dark:text-red-300";

function StatusBadge({ status }: { status: string }) {
  return (
    <span
      data-testid="run-status"
      className={`rounded px-1.5 py-0.5 text-xs ${STATUS_STYLE[status] ?? FAILED_STYLE}`}
    >
      {status}
    </span>
  );
}

function CheckBadge({ passed }: { passed: boolean | null }) {
  if (passed === null) return <span className="text-slate-400">–</span>;
  return (
    <span
      data-testid="check-result"
      className={`rounded px-1.5 py-0.5 text-xs ${passed ? STATUS_STYLE.succeeded : FAILED_STYLE}`}
    >
      {passed ? "passed" : "failed"}
    </span>
  );
}

function fileNames(files: string[]): string {
  return files.map((f) => f.split("/").pop()).join(", ");
}

type RunTableRow = EtlRunRow & { files: string };
type RuleRow = { rule: string; rows: number };

function recordRows(record: Record<string, number>): RuleRow[] {
  return Object.entries(record)
    .map(([rule, rows]) => ({ rule, rows }))
    .sort((a, b) => b.rows - a.rows);
}

export default function PipelinePage() {
  const router = useRouter();
  const pathname = usePathname();
  const searchParams = useSearchParams();
  const run = searchParams.get("run");
  const runs = useEtlRuns();
  const detail = useEtlRunDetail(run);
  const rejects = useRejectedRows(run);
  const d = detail.data?.data ?? null;

  const selectRun = (id: number) => {
    const params = new URLSearchParams(searchParams.toString());
    params.set("run", String(id));
    router.push(`${pathname}?${params.toString()}`, { scroll: false });
  };

  return (
    <>
      <PageHeader title="Pipeline">
        What each <code>npm run etl</code> did: rows read, loaded and refused, the seed's six data-quality
        checks, and the refused rows by reason with examples, so nothing is lost silently. Click a run to
        inspect it (the latest run is shown by default).
      </PageHeader>
      <Panel
        title="ETL runs"
        description="Newest first. Quality score: 100 minus the penalties for problems found; a run below the minimum fails."
        state={queryState(runs)}
        emptyMessage="No ETL run recorded yet. Load data with npm run etl -- <file.csv>."
        testId="pipeline-runs-panel"
      >
        <DataTable<RunTableRow>
          rows={(runs.data?.data ?? []).map((r) => ({ ...r, files: fileNames(r.sourceFiles) }))}
          columns={[
            { key: "runId", label: "Run" },
            {
              key: "startedAt",
              label: "Started (UTC)",
              render: (r) => r.startedAt.replace("T", " ").replace("Z", ""),
            },
            { key: "status", label: "Status", render: (r) => <StatusBadge status={r.status} /> },
            { key: "files", label: "Files" },
            { key: "rowsRead", label: "Rows read", unit: "count" },
            { key: "rowsLoaded", label: "Loaded", unit: "count" },
            { key: "rowsRejected", label: "Rejected", unit: "count" },
            { key: "duplicates", label: "Duplicates", unit: "count" },
            { key: "fixedRows", label: "Fixed", unit: "count" },
            { key: "qualityScore", label: "Quality score", unit: "score" },
            { key: "durationMs", label: "Duration", unit: "ms" },
          ]}
          csvName="etl-runs"
          onRowClick={(r) => selectRun(r.runId)}
          rowLabel={(r) => `Inspect run ${r.runId}`}
          testId="pipeline-runs-table"
        />
      </Panel>
      <RunSummary query={detail} run={run} detail={d} />
      <div className="mt-4 grid grid-cols-1 gap-4 xl:grid-cols-2">
        <Panel
          title={`Quality checks${d ? ` · run ${d.runId}` : ""}`}
          description="The seed's six checks, run after the load: referential integrity, completeness, reasonableness, duplicate ids, date continuity, dimension cardinality."
          state={queryState(detail, !d || d.qualityChecks.length === 0)}
          emptyMessage="This run stored no quality checks (it stopped before the report stage)."
          testId="pipeline-checks-panel"
        >
          <DataTable<QualityCheckRow>
            rows={d?.qualityChecks ?? []}
            columns={[
              { key: "check", label: "Check" },
              {
                key: "passed",
                label: "Result",
                render: (c) => <CheckBadge passed={c.passed} />,
              },
              { key: "value", label: "Value", unit: "count" },
              { key: "detail", label: "Detail" },
            ]}
            csvName={`etl-run-${d?.runId ?? "latest"}-checks`}
            testId="pipeline-checks-table"
          />
        </Panel>
        <Panel
          title="Fixed by rule"
          description="Rows kept but corrected (clipped to the seed's ranges, zero-length stalls set to 2 s, stall time capped at session time…) and rows kept with a warning."
          state={queryState(
            detail,
            !d || (Object.keys(d.fixedByRule).length === 0 && Object.keys(d.warnings).length === 0),
          )}
          emptyMessage="No row needed a fix in this run."
          testId="pipeline-fixes-panel"
        >
          <BarChart
            bars={[
              ...recordRows(d?.fixedByRule ?? {}).map((r) => ({
                label: r.rule,
                value: r.rows,
                group: "fixed",
              })),
              ...recordRows(d?.warnings ?? {}).map((r) => ({
                label: r.rule,
                value: r.rows,
                group: "warning",
              })),
            ]}
            valueTitle="Rows"
            horizontal
            stacked
            ariaLabel="Rows fixed per rule and rows kept with a warning"
            height={Math.max(
              160,
              30 * (Object.keys(d?.fixedByRule ?? {}).length + Object.keys(d?.warnings ?? {}).length) + 80,
            )}
            testId="pipeline-fixes-chart"
          />
        </Panel>
      </div>
      <RejectsPanel query={rejects} />
    </>
  );
}

function RunSummary({
  query,
  run,
  detail,
}: {
  query: { isLoading: boolean; error: Error | null; data?: unknown };
  run: string | null;
  detail: EtlRunDetail | null;
}) {
  const stages = recordRows(detail?.stageTimingsMs ?? {});
  return (
    <Panel
      title={detail ? `Run ${detail.runId}` : run ? `Run ${run}` : "Latest run"}
      state={queryState(query, !detail)}
      emptyMessage="No ETL run recorded yet."
      testId="pipeline-run-panel"
      className="mt-4"
    >
      {detail ? (
        <div className="grid grid-cols-1 gap-4 lg:grid-cols-2">
          <dl className="grid grid-cols-2 content-start gap-x-4 gap-y-1 text-sm" data-testid="run-facts">
            <dt className="text-slate-500">Status</dt>
            <dd>
              <StatusBadge status={detail.status} />
            </dd>
            <dt className="text-slate-500">Files</dt>
            <dd className="break-all">{detail.sourceFiles.join(", ") || "–"}</dd>
            <dt className="text-slate-500">Rows read / loaded</dt>
            <dd>
              {formatValue(detail.rowsRead, "count")} / {formatValue(detail.rowsLoaded, "count")}
            </dd>
            <dt className="text-slate-500">Rejected (of which duplicates)</dt>
            <dd>
              {formatValue(detail.rowsRejected, "count")} ({formatValue(detail.duplicates, "count")})
            </dd>
            <dt className="text-slate-500">Rows fixed</dt>
            <dd>{formatValue(detail.fixedRows, "count")}</dd>
            <dt className="text-slate-500">Quality score</dt>
            <dd data-testid="run-quality-score">{formatValue(detail.qualityScore, "score")}</dd>
            <dt className="text-slate-500">Days touched</dt>
            <dd>{formatValue(detail.datesTouched, "count")}</dd>
            <dt className="text-slate-500">Duration</dt>
            <dd>{formatValue(detail.durationMs, "ms")}</dd>
            {detail.message ? (
              <>
                <dt className="text-slate-500">Message</dt>
                <dd>{detail.message}</dd>
              </>
            ) : null}
          </dl>
          {stages.length ? (
            <BarChart
              bars={stages.map((s) => ({ label: s.rule, value: s.rows }))}
              valueTitle="Stage time (ms)"
              horizontal
              ariaLabel="Time spent per ETL stage in milliseconds"
              height={Math.max(160, 26 * stages.length + 70)}
              testId="pipeline-stages-chart"
            />
          ) : null}
        </div>
      ) : null}
    </Panel>
  );
}

function RejectsPanel({
  query,
}: {
  query: {
    isLoading: boolean;
    error: Error | null;
    data?: { data: { runId: number | null; reasons: RejectReasonRow[] } };
  };
}) {
  const reasons = query.data?.data.reasons ?? [];
  return (
    <Panel
      title={`Rejected rows by reason${query.data?.data.runId ? ` · run ${query.data.data.runId}` : ""}`}
      description="Rows refused by validation are kept in etl_rejected_rows with their reason and raw text; the first rows of each reason are shown."
      state={queryState(query, reasons.length === 0)}
      emptyMessage="This run rejected no rows."
      testId="pipeline-rejects-panel"
      className="mt-4"
    >
      <BarChart
        bars={reasons.map((r) => ({ label: r.reasonCode, value: r.rows }))}
        valueTitle="Rejected rows"
        horizontal
        ariaLabel="Rejected rows per reason"
        height={Math.max(160, 28 * reasons.length + 70)}
        testId="pipeline-rejects-chart"
      />
      <ul className="mt-3 space-y-2" data-testid="reject-reasons">
        {reasons.map((r) => (
          <li
            key={r.reasonCode}
            data-testid="reject-reason"
            className="rounded border border-slate-200 p-2 dark:border-slate-800"
          >
            <details>
              <summary className="cursor-pointer text-sm">
                <span className="font-medium">{r.reasonCode}</span>{" "}
                <span className="text-slate-500">· {formatValue(r.rows, "count")} rows · examples</span>
              </summary>
              <ul className="mt-2 space-y-1">
                {r.examples.map((e) => (
                  <li key={`${e.sourceFile}:${e.lineNumber}`} className="text-xs">
                    <div className="text-slate-500">
                      {e.sourceFile.split("/").pop()} line {e.lineNumber}
                      {e.detail ? ` — ${e.detail}` : ""}
                    </div>
                    <code className="block overflow-x-auto whitespace-pre rounded bg-slate-100 p-1 dark:bg-slate-800">
                      {e.rawRow}
                    </code>
                  </li>
                ))}
              </ul>
            </details>
          </li>
        ))}
      </ul>
    </Panel>
  );
}
