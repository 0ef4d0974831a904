import type { TransactionSql } from "postgres";
import { refreshCube } from "../../db/cube/refresh";
import { AGGREGATE_METRICS, AGGREGATE_TABLES, DailyAggregates } from "./dailyAggregates";
import { type Progress, silentProgress } from "./progress";

/**
 * Aggregate stage: recomputes the four aggregate tables and the dashboard cube only for the
 * date_keys the run touched (delete + insert inside the run's transaction), so loading one new day
 * into a large warehouse costs about as much as loading that day alone. The touched days' facts
 * are read once, in date order (db/cube/refresh.ts): each day's sessions build its cube cells and
 * its agg_* rows (dailyAggregates.ts); both are written once every day is read.
 */

export { AGGREGATE_METRICS, AGGREGATE_TABLES };

const INSERT_BATCH = 1000;

export async function refreshAggregates(
  tx: TransactionSql,
  dateKeys: number[],
  progress: Progress = silentProgress,
): Promise<number> {
  if (dateKeys.length === 0) return 0;
  let days = 0;
  for (const { table } of AGGREGATE_TABLES)
    await tx.unsafe(`delete from ${table} where date_key = any($1::int[])`, [dateKeys]);
  // Each day's agg_* rows are kept while the facts stream in (the connection is busy) and
  // inserted afterwards: a few dozen rows per day.
  const records: Record<string, string | number | null>[][] = AGGREGATE_TABLES.map(() => []);
  let rows = await refreshCube(tx, dateKeys, {
    sinkFor: (dateKey, cardinalities) => {
      const day = new DailyAggregates(dateKey, cardinalities);
      return {
        add: (codes, fact, userId) => day.add(codes, fact, userId),
        publish: (name) => {
          day.rows(name).forEach((tableRows, i) => {
            const key = AGGREGATE_TABLES[i].key;
            for (const { key: value, ...row } of tableRows)
              records[i].push(key ? { ...row, [key]: value } : row);
          });
          progress.step("aggregate", ++days, dateKeys.length, "days");
        },
      };
    },
  });
  for (const [i, { table, key }] of AGGREGATE_TABLES.entries()) {
    const columns = ["date_key", ...(key ? [key] : []), "full_date", ...AGGREGATE_METRICS];
    // Bind parameters are limited to 65,535 per statement.
    for (let from = 0; from < records[i].length; from += INSERT_BATCH) {
      const batch = records[i].slice(from, from + INSERT_BATCH);
      await tx`insert into ${tx(table)} ${tx(batch, ...columns)}`;
      rows += batch.length;
    }
  }
  return rows;
}
