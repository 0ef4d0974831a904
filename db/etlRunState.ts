/**
 * How ETL runs are known to be alive, shared by the ETL (scripts/etl/run.ts), `npm run etl:status`
 * and the dashboard's pipeline page.
 *
 * Advisory lock namespace "ETL": key 0 serialises loads, -1 migrations, N is run N's liveness: a
 * run holds its own key for as long as its process lives. A run recorded as 'running' whose key is
 * free was killed; the next ETL run records it as failed, and until then readers show it so.
 */
export const ETL_LOCK_NAMESPACE = 0x45544c;

/** SQL: whether the process of run `runId` (an SQL expression) still holds its liveness lock. */
const runIsAlive = (runId: string) => `exists (
  select 1 from pg_locks l
  where l.locktype = 'advisory' and l.granted and l.objsubid = 2
    and l.database = (select oid from pg_database where datname = current_database())
    and l.classid::bigint = ${ETL_LOCK_NAMESPACE} and l.objid::bigint = ${runId})`;

/** SQL: an etl_runs row `r` with a dead process (still 'running' on record). */
const deadRun = (r: string) => `(${r}.status = 'running' and not ${runIsAlive(`${r}.run_id`)})`;

export const STOPPED_RUN_MESSAGE =
  "aborted: the process stopped before finishing; nothing was loaded (its run time is unknown)";

/** SQL select-list columns status, message and finished_at of etl_runs row `r`, as readers show them. */
export const shownRunStateSql = (r: string) => `
  case when ${deadRun(r)} then 'failed' else ${r}.status end as status,
  case when ${deadRun(r)} then '${STOPPED_RUN_MESSAGE}' else ${r}.message end as message`;

/**
 * SQL: a run's duration in ms as its summary measured it (what the CLI printed), else from the
 * record's timestamps; unknown (null) for a run whose process died.
 */
export const runDurationMsSql = (r: string) =>
  `coalesce((${r}.summary->>'duration_ms')::float8, extract(epoch from ${r}.finished_at - ${r}.started_at) * 1000)`;

/** SQL: rows the run's transform fixed (from its summary; null before a run got that far). */
export const runFixedRowsSql = (r: string) => `(${r}.summary->>'fixed_rows')::int`;
