import type { ReservedSql, Sql, TransactionSql } from "postgres";
import { createDb } from "../../db/client";
import { ETL_LOCK_NAMESPACE, STOPPED_RUN_MESSAGE } from "../../db/etlRunState";
import { DEFAULT_MIN_QUALITY, dataQualityScore } from "../../db/metrics";
import { runMigrations } from "../../db/migrate";
import { refreshAggregates } from "./aggregate";
import { ensureSqlCompatibility } from "./compat";
import { AbortedError, InputError } from "./errors";
import {
  contentSizeHint,
  extractFile,
  hashContent,
  type InputFile,
  preflight,
  resolveInputs,
} from "./extract";
import { load } from "./load";
import { type Progress, silentProgress } from "./progress";
import { runQualityChecks } from "./report";
import { validateAndTransform } from "./transform";
import type { EtlSummary, FileSummary, RunStatus } from "./types";

/**
 * Run orchestration: extract -> validate -> transform -> load -> aggregate -> report.
 *
 * Safety model
 * - The run record (etl_runs) is written outside the load transaction, so it survives failures.
 * - Everything else (staging, rejects, dimensions, facts, aggregates, loaded-file hashes) happens in
 *   ONE transaction committed at the end: a failed, refused or killed run leaves nothing visible.
 * - Runs are serialised by a transaction-level advisory lock; the content-hash check happens under
 *   it, so two concurrent runs of one file load it once (the second is a no-op).
 * - Each run also holds a session-level advisory lock on its own run id while alive; a 'running'
 *   record whose lock is free belongs to a dead process and is marked failed by the next run.
 */

export const DEFAULT_INPUT = "data/streaming_telemetry.csv";

/** Advisory lock keys in ETL_LOCK_NAMESPACE (db/etlRunState.ts); N is run N's liveness. */
const LOCK_NS = ETL_LOCK_NAMESPACE;
const LOAD_LOCK = 0;
const MIGRATE_LOCK = -1;

export type EtlOptions = {
  /** CSV / .csv.gz files or folders of them. */
  paths: string[];
  /** Runs scoring below this fail with status quality_failed (default 90). */
  minQuality?: number;
  progress?: Progress;
  /** Apply pending migrations first (default true), so a fresh database just works. */
  migrate?: boolean;
  signal?: AbortSignal;
};

type RunOutcome = { status: RunStatus; message: string | null };

export async function runEtl(sql: Sql, options: EtlOptions): Promise<EtlSummary> {
  const started = performance.now();
  const progress = options.progress ?? silentProgress;
  const minQuality = options.minQuality ?? DEFAULT_MIN_QUALITY;
  const paths = options.paths.length > 0 ? options.paths : [DEFAULT_INPUT];
  const summary: EtlSummary = {
    run_id: null,
    status: "running",
    message: null,
    files: [],
    rows_read: 0,
    rows_loaded: 0,
    rows_rejected: 0,
    rejected_by_reason: {},
    duplicates: 0,
    duplicates_already_loaded: 0,
    rejected_before: 0,
    fixed_rows: 0,
    fixed_by_rule: {},
    warnings: {},
    quality_score: null,
    min_quality: minQuality,
    quality_checks: [],
    dates_touched: [],
    stage_ms: {},
    duration_ms: 0,
    rows_per_sec: 0,
  };
  let lap = performance.now();
  const stage = (name: string) => {
    const now = performance.now();
    summary.stage_ms[name] = (summary.stage_ms[name] ?? 0) + Math.round(now - lap);
    lap = now;
  };
  const checkAbort = () => {
    if (options.signal?.aborted) throw new AbortedError("interrupted");
  };

  if (options.migrate !== false) {
    await withLock(sql, MIGRATE_LOCK, () => runMigrations(createDb(sql)));
    stage("migrate");
  }
  await ensureSqlCompatibility(sql);

  const [run] = await sql<{ run_id: number }[]>`
    insert into etl_runs (status, source_files) values ('running', ${JSON.stringify(paths)}::jsonb) returning run_id`;
  const runId = run.run_id;
  summary.run_id = runId;
  const liveness = await sql.reserve();
  let outcome: RunOutcome = { status: "failed", message: null };
  try {
    await liveness`select pg_advisory_lock(${LOCK_NS}, ${runId})`;
    const stale = await markStaleRuns(liveness, runId);
    if (stale.length > 0) progress.info(`marked stale run(s) ${stale.join(", ")} as failed (process gone)`);

    progress.stage("preflight");
    const resolved = await resolveInputs(paths);
    // Listed before they are checked, so a refusal's summary still names every file.
    summary.files = resolved.map((file) => ({
      path: file,
      bytes: 0,
      sha256: null,
      rows_read: 0,
      outcome: "pending",
      warnings: [],
    }));
    const inputs = await checkInputs(resolved);
    summary.files = inputs.map((f) => ({
      path: f.path,
      bytes: f.bytes,
      sha256: null,
      rows_read: 0,
      outcome: "pending",
      warnings: f.warnings,
    }));
    for (const f of inputs) for (const w of f.warnings) progress.info(`warning: ${f.path}: ${w}`);
    await sql`update etl_runs set source_files = ${JSON.stringify(inputs.map((f) => f.path))}::jsonb where run_id = ${runId}`;
    stage("preflight");
    checkAbort();

    outcome = (await sql.begin((tx) =>
      loadInTransaction(tx, {
        runId,
        inputs,
        minQuality,
        summary,
        progress,
        stage,
        checkAbort,
        signal: options.signal,
      }),
    )) as RunOutcome;
    stage("commit");
  } catch (err) {
    if (err instanceof InputError) {
      outcome = { status: "refused", message: err.message };
      for (const f of summary.files) f.outcome = "refused";
    } else if (err instanceof AbortedError || options.signal?.aborted) {
      outcome = { status: "failed", message: "interrupted before commit; nothing was loaded" };
    } else {
      outcome = { status: "failed", message: `${(err as Error).message}; nothing was loaded` };
    }
    if (outcome.status !== "succeeded") resetCounts(summary, outcome.status);
  } finally {
    summary.status = outcome.status;
    summary.message = outcome.message;
    summary.duration_ms = Math.round(performance.now() - started);
    summary.rows_per_sec = Math.round(summary.rows_read / Math.max(0.001, summary.duration_ms / 1000));
    await sql`
      update etl_runs set status = ${summary.status}, finished_at = now(), message = ${summary.message},
        rows_read = ${summary.rows_read}, rows_loaded = ${summary.rows_loaded},
        rows_rejected = ${summary.rows_rejected}, duplicates = ${summary.duplicates},
        rejected_by_reason = ${JSON.stringify(summary.rejected_by_reason)}::jsonb,
        fixed_by_rule = ${JSON.stringify(summary.fixed_by_rule)}::jsonb, quality_score = ${summary.quality_score},
        quality_checks = ${JSON.stringify(summary.quality_checks)}::jsonb, stage_timings_ms = ${JSON.stringify(summary.stage_ms)}::jsonb,
        dates_touched = ${JSON.stringify(summary.dates_touched)}::jsonb, summary = ${JSON.stringify(summary)}::jsonb
      where run_id = ${runId}`.catch(() => {});
    await liveness`select pg_advisory_unlock(${LOCK_NS}, ${runId})`.catch(() => {});
    liveness.release();
    progress.end();
  }
  return summary;
}

/** After a failed or refused run nothing was committed except, for quality failures, the rejects. */
function resetCounts(summary: EtlSummary, status: RunStatus): void {
  if (status === "quality_failed") return;
  // Rolled back: no file was loaded, whatever was read.
  for (const file of summary.files) if (file.outcome === "loaded") file.outcome = "pending";
  summary.rows_loaded = 0;
  summary.rows_rejected = 0;
  summary.duplicates = 0;
  summary.duplicates_already_loaded = 0;
  summary.rejected_before = 0;
  summary.rejected_by_reason = {};
  // Nothing was scored or fixed in the warehouse either (rows_read stays: what was read before).
  summary.quality_score = null;
  summary.fixed_rows = 0;
  summary.fixed_by_rule = {};
  summary.warnings = {};
  summary.quality_checks = [];
  summary.dates_touched = [];
}

async function withLock<T>(sql: Sql, key: number, fn: () => Promise<T>): Promise<T> {
  const conn = await sql.reserve();
  try {
    await conn`select pg_advisory_lock(${LOCK_NS}, ${key})`;
    return await fn();
  } finally {
    await conn`select pg_advisory_unlock(${LOCK_NS}, ${key})`.catch(() => {});
    conn.release();
  }
}

/** Marks 'running' records whose owner process is gone (its liveness lock is free) as failed. */
async function markStaleRuns(conn: ReservedSql, runId: number): Promise<number[]> {
  const running = await conn<{ run_id: number }[]>`
    select run_id from etl_runs where status = 'running' and run_id <> ${runId}`;
  const stale: number[] = [];
  for (const { run_id } of running) {
    const [{ free }] = await conn<
      { free: boolean }[]
    >`select pg_try_advisory_lock(${LOCK_NS}, ${run_id}) as free`;
    if (!free) continue;
    // finished_at stays unknown: the process died at some point before this run looked.
    await conn`
      update etl_runs set status = 'failed', message = ${`${STOPPED_RUN_MESSAGE} (found by run ${runId})`}
      where run_id = ${run_id} and status = 'running'`;
    await conn`select pg_advisory_unlock(${LOCK_NS}, ${run_id})`;
    stale.push(run_id);
  }
  return stale;
}

/** Preflights every file; refuses the whole run if any file is unusable. */
async function checkInputs(files: string[]): Promise<InputFile[]> {
  const problems: string[] = [];
  const inputs: InputFile[] = [];
  for (const file of files) {
    try {
      inputs.push(await preflight(file));
    } catch (err) {
      if (!(err instanceof InputError)) throw err;
      problems.push(err.message);
    }
  }
  if (problems.length > 0) throw new InputError(problems.join("; "));
  return inputs;
}

type TxContext = {
  runId: number;
  inputs: InputFile[];
  minQuality: number;
  summary: EtlSummary;
  progress: Progress;
  stage: (name: string) => void;
  checkAbort: () => void;
  signal?: AbortSignal;
};

async function loadInTransaction(tx: TransactionSql, ctx: TxContext): Promise<RunOutcome> {
  const { runId, inputs, summary, progress, stage, checkAbort } = ctx;
  progress.stage("waiting for other ETL runs (advisory lock)");
  await tx`select pg_advisory_xact_lock(${LOCK_NS}, ${LOAD_LOCK})`;
  stage("lock");
  // Zone-less timestamps are UTC; big sorts and hashes stay in memory; a dead client is noticed.
  // Temp tables live in backend-local buffers, sized once per session before first use; a pooled
  // connection that already used temp tables keeps its size (the savepoint swallows that refusal).
  await tx.savepoint((sp) => sp`select set_config('temp_buffers', '256MB', true)`).catch(() => {});
  await tx`select set_config('timezone', 'UTC', true), set_config('work_mem', '256MB', true),
             set_config('client_connection_check_interval', '1000', true), set_config('jit', 'off', true)`;
  // The commit need not wait for its WAL flush: the run record's update right after it is a
  // synchronous commit, and WAL is flushed in order, so by the time the run reports 'succeeded' its
  // load is durable too. A crash in between loses the load whole (never part of it) and leaves the
  // record 'running', which the next run marks failed.
  await tx`select set_config('synchronous_commit', 'off', true)`;
  if (process.env.ETL_EXPLAIN) {
    // Profiling aid: every statement slower than ETL_EXPLAIN ms is sent back with its executed plan
    // (as a notice; needs a superuser, as on the embedded server).
    await tx`load 'auto_explain'`;
    await tx`select set_config('auto_explain.log_min_duration', ${process.env.ETL_EXPLAIN}, true),
               set_config('auto_explain.log_analyze', 'on', true), set_config('auto_explain.log_buffers', 'on', true),
               set_config('auto_explain.log_nested_statements', 'on', true), set_config('client_min_messages', 'log', true)`;
  }
  await tx`truncate stg_playback_sessions`;
  await tx`create temp table etl_files (file_no smallint primary key, expected_fields int not null,
             path text not null) on commit drop`;

  progress.stage("extract");
  const totalBytes = inputs.reduce((s, f) => s + f.bytes, 0);
  let bytesBefore = 0;
  let rowsBefore = 0;
  const hashesThisRun = new Map<string, number>();
  const loadedFiles: { sha256: string; contentBytes: number; file: FileSummary; fileNo: number }[] = [];
  for (const [fileNo, input] of inputs.entries()) {
    const file = summary.files[fileNo];
    const priorRun = await alreadyLoadedBySize(tx, input);
    if (priorRun) {
      file.sha256 = priorRun.sha256;
      file.outcome = "already_loaded";
      file.already_loaded_by_run = priorRun.runId;
      bytesBefore += input.bytes;
      continue;
    }
    const res = await extractFile(
      tx,
      input,
      { runId, fileNo },
      (bytes, rows) => ctx.progress.extract(input.path, bytesBefore + bytes, totalBytes, rowsBefore + rows),
      ctx.signal,
    );
    bytesBefore += input.bytes;
    file.sha256 = res.sha256;
    file.rows_read = res.rows;
    if (res.blankLines > 0) file.warnings.push(`${res.blankLines} blank line(s) skipped`);
    const [prior] = await tx<{ run_id: number }[]>`
      select run_id from etl_loaded_files where file_hash = ${res.sha256}`;
    const repeatOf = prior?.run_id ?? (hashesThisRun.has(res.sha256) ? runId : undefined);
    if (repeatOf !== undefined) {
      await tx`delete from stg_playback_sessions where file_no = ${fileNo}`;
      file.outcome = "already_loaded";
      file.already_loaded_by_run = repeatOf;
      continue;
    }
    if (res.rows === 0) throw new InputError(`${input.path}: no data rows`);
    hashesThisRun.set(res.sha256, fileNo);
    rowsBefore += res.rows;
    await tx`insert into etl_files values (${fileNo}, ${input.plan.header.length}, ${input.path})`;
    file.outcome = "loaded";
    loadedFiles.push({ sha256: res.sha256, contentBytes: res.contentBytes, file, fileNo });
  }
  stage("extract");
  checkAbort();
  if (loadedFiles.length === 0) {
    return { status: "no_op", message: "every file was already loaded (same content hash); nothing to do" };
  }
  summary.rows_read = rowsBefore;

  progress.stage("validate + transform");
  const { validation: v, transform: t } = await validateAndTransform(
    tx,
    runId,
    loadedFiles.map(({ fileNo }) => ({ fileNo, columns: inputs[fileNo].plan.copyColumns })),
    rowsBefore,
  );
  summary.rows_rejected = v.rejected;
  summary.duplicates = v.duplicates;
  summary.duplicates_already_loaded = v.alreadyLoaded;
  summary.rejected_before = v.rejectedBefore;
  summary.rejected_by_reason = v.rejectedByReason;
  summary.fixed_rows = t.fixedRows;
  summary.fixed_by_rule = t.fixedByRule;
  summary.warnings = t.warnings;
  // The quality of the new data: rows re-delivered from earlier runs (sessions loaded, or bad rows
  // refused the same way) are skipped and counted, not held against it, so a feed that overlaps
  // what was loaded, in the same bytes or not, still loads its new rows.
  summary.quality_score = dataQualityScore({
    rowsRead: summary.rows_read - v.alreadyLoaded - v.rejectedBefore,
    rejected: v.rejected - v.duplicates - v.rejectedBefore,
    duplicates: v.duplicates - v.alreadyLoaded,
    fixedRows: t.fixedRows,
  });
  stage("validate_transform");
  checkAbort();

  if (summary.quality_score < ctx.minQuality) {
    // Keep the run's rejects for diagnosis; load nothing else. The files stay loadable later.
    await tx`truncate stg_playback_sessions`;
    for (const { file } of loadedFiles) file.outcome = "pending";
    return {
      status: "quality_failed",
      message: `quality score ${summary.quality_score} is below the minimum ${ctx.minQuality}; nothing was loaded (rejects kept)`,
    };
  }

  progress.stage("load");
  const l = await load(tx, runId, t.rows);
  summary.rows_loaded = l.factsInserted;
  for (const [k, ms] of Object.entries(l.stageMs)) summary.stage_ms[k] = ms;
  stage("load");
  checkAbort();

  progress.stage("aggregate");
  await refreshAggregates(tx, l.datesTouched, progress);
  summary.dates_touched = l.datesTouched;
  stage("aggregate");

  progress.stage("report");
  summary.quality_checks = await runQualityChecks(tx, runId);
  for (const { sha256, contentBytes, file } of loadedFiles) {
    await tx`insert into etl_loaded_files (file_hash, run_id, path, bytes, rows_read)
             values (${sha256}, ${runId}, ${file.path}, ${contentBytes}, ${file.rows_read})`;
  }
  await tx`truncate stg_playback_sessions`;
  stage("report");
  checkAbort();
  const failed = summary.quality_checks.filter((c) => !c.passed).map((c) => c.check);
  return {
    status: "succeeded",
    message: failed.length > 0 ? `loaded; quality checks needing attention: ${failed.join(", ")}` : null,
  };
}

/**
 * A rerun is usually the very same content (the same file, or it compressed): when content of the
 * same size was loaded before, hash it first (cheap) and skip the COPY entirely if it matches.
 */
async function alreadyLoadedBySize(
  tx: TransactionSql,
  input: InputFile,
): Promise<{ sha256: string; runId: number } | null> {
  const size = await contentSizeHint(input);
  const sameSize = input.gzip
    ? await tx<{ file_hash: string; run_id: number }[]>`
        select file_hash, run_id from etl_loaded_files where bytes % 4294967296 = ${size}`
    : await tx<{ file_hash: string; run_id: number }[]>`
        select file_hash, run_id from etl_loaded_files where bytes = ${size}`;
  if (sameSize.length === 0) return null;
  const sha256 = await hashContent(input);
  const match = sameSize.find((r) => r.file_hash === sha256);
  return match ? { sha256, runId: match.run_id } : null;
}
