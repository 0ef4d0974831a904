import { int4ArrayAt, int4ArrayBytes } from "../binaryArray";
import { BUFFERING_SEVERITIES, RESOLUTIONS, SESSION_QUALITIES, STARTUP_CATEGORIES } from "../constants";
import { sqlText } from "../metrics";
import { BinaryCopyWriter } from "./binaryCopy";
import { CubeDay, type GrainCells, HISTOGRAM_BUCKETS } from "./cells";
import {
  CUBE_DIMENSION_COLUMNS,
  CUBE_HISTOGRAMS,
  CUBE_MEASURES,
  type CubeDimensionColumn,
  type CubeFact,
} from "./definition";
import { type Executor, GrainSpool } from "./spool";

/**
 * Rebuilds the cube rows of some days inside the caller's transaction, one day at a time:
 *  1. the facts of those days are streamed in date order through a BINARY cursor (dimension keys
 *     and measures only, no joins) and added to each day's cells in Node (db/cube/cells.ts),
 *     which roll every grain up;
 *  2. each finished day's rows, binary COPY chunks per grain, are spooled to a file per grain
 *     and, once the stream has ended, copied grain by grain in place of the old ones
 *     (db/cube/spool.ts).
 * In SQL the same work took one hashed GROUPING SETS pass per root over a joined projection of the
 * facts: ~40 s of the ETL at a million sessions, most of it executor overhead per row, aggregate
 * and grouping set. Memory is one day's cells plus the dictionaries.
 */

/** Where each cube dimension column comes from: a dimension table, looked up by the fact's key. */
const FAMILIES = [
  {
    table: "dim_device",
    key: "device_key",
    columns: ["device_type", "os_name", "os_version", "app_version"],
  },
  { table: "dim_geography", key: "geo_key", columns: ["country_code", "isp", "cdn_pop"] },
  { table: "dim_network", key: "network_key", columns: ["network_type"] },
  { table: "dim_content", key: "content_key", columns: ["content_id"] },
] as const satisfies readonly { table: string; key: string; columns: readonly CubeDimensionColumn[] }[];
const HOUR = CUBE_DIMENSION_COLUMNS.indexOf("hour");
const HOURS = 24;

/** Per column, code -> value as UTF-8 (the hour's code is the hour); per family, key -> codes. */
type Dictionaries = { values: Buffer[][]; codesByKey: Int32Array[] };

async function loadDictionaries(tx: Executor): Promise<Dictionaries> {
  const values: Buffer[][] = CUBE_DIMENSION_COLUMNS.map(() => []);
  values[HOUR] = Array.from({ length: HOURS }, (_, h) => Buffer.from(String(h)));
  const codesByKey: Int32Array[] = [];
  for (const family of FAMILIES) {
    const rows = await tx.unsafe<Record<string, string | number>[]>(
      `select ${family.key}::int4 as key, ${family.columns.join(", ")} from ${family.table}`,
    );
    const width = family.columns.length;
    const maxKey = rows.reduce((m, r) => Math.max(m, Number(r.key)), 0);
    const codes = new Int32Array((maxKey + 1) * width).fill(-1);
    family.columns.forEach((column, j) => {
      const dictionary = new Map<string, number>();
      const names = values[CUBE_DIMENSION_COLUMNS.indexOf(column)];
      for (const row of rows) {
        const value = String(row[column]);
        let code = dictionary.get(value);
        if (code === undefined) {
          code = names.length;
          dictionary.set(value, code);
          names.push(Buffer.from(value));
        }
        codes[Number(row.key) * width + j] = code;
      }
    });
    codesByKey.push(codes);
  }
  return { values, codesByKey };
}

/** Position of a categorical fact in its constants list, 0-based (-1 if not in it). */
const position = (values: readonly string[], column: string) =>
  `coalesce(array_position(array[${values.map(sqlText).join(", ")}]::text[], f.${column}), 0) - 1`;

// One int4[] of every integer field (one Buffer per row instead of one per field), then the two
// floats. Slots of the array, in order:
const INT_FIELDS = [
  "f.date_key",
  "f.time_key / 100",
  ...FAMILIES.map((f) => `f.${f.key}`),
  "f.startup_time_ms",
  "f.rebuffer_count",
  "f.rebuffer_duration_ms",
  "f.avg_bitrate_kbps",
  "f.quality_score",
  "f.session_duration_sec",
  "f.video_start_failure::int",
  position(SESSION_QUALITIES, "session_quality"),
  position(BUFFERING_SEVERITIES, "buffering_severity"),
  position(STARTUP_CATEGORIES, "startup_category"),
  position(RESOLUTIONS, "resolution"),
];
// Sorted by day so that each day's cells are complete (and written) before the next day's start:
// memory holds one day. "+ 0" keeps the planner off the date index, whose order would visit the
// heap pages at random (a day's sessions are spread over most of the table).
const FACTS = `select array[${INT_FIELDS.join(", ")}]::int4[], f.rebuffer_ratio, f.overall_qoe_score, f.user_id
  from fact_playback_sessions f where f.date_key = any($1::int[]) order by f.date_key + 0`;

/**
 * Another consumer of the same stream, one per day (the ETL's agg_* tables): it sees every
 * session of its day, then `publish` once they are all added. Both run while the facts stream in,
 * so neither may use the connection (keep the day's rows and write them afterwards).
 */
export type DaySink = {
  add(codes: Int32Array, fact: CubeFact, userId: string): void;
  /** `name` turns a dimension column's code into its value. */
  publish(name: (column: CubeDimensionColumn, code: number) => string | number): void;
};
export type DaySinkFactory = (dateKey: number, cardinalities: readonly number[]) => DaySink;

type Day = { dateKey: number; cells: CubeDay; sink: DaySink | null };

/**
 * Streams the facts of these days in date order into one CubeDay per day; each finished day is
 * handed to `publish` as soon as the next day's first session arrives. One FETCH ALL: the server
 * sends while Node adds up, and only one day's cells are ever held (batches of 5,000 rows spanned
 * several days and kept their cells at once: peak RSS at 1M sessions 262 -> 185 MB). The
 * connection is busy for the whole stream, so `publish` is synchronous.
 */
async function streamDays(
  tx: Executor,
  dateKeys: number[],
  dictionaries: Dictionaries,
  sinkFor: DaySinkFactory | undefined,
  publish: (day: Day) => void,
): Promise<void> {
  const cardinalities = dictionaries.values.map((names) => names.length);
  const codes = new Int32Array(CUBE_DIMENSION_COLUMNS.length);
  const familyColumns = FAMILIES.map((f) => f.columns.map((c) => CUBE_DIMENSION_COLUMNS.indexOf(c)));
  const fact: CubeFact = {
    startupMs: 0,
    rebufferRatio: 0,
    rebufferCount: 0,
    rebufferMs: 0,
    bitrateKbps: 0,
    qoe: 0,
    qualityScore: 0,
    watchSec: 0,
    failure: 0,
    sessionQuality: 0,
    severity: 0,
    startupCategory: 0,
    resolution: 0,
  };
  const int = int4ArrayAt;
  let current: Day | null = null;
  // A published day's cells, emptied for the next day: a load of many days reuses one set of buffers.
  let spare: CubeDay | null = null;
  const publishAndRecycle = (day: Day) => {
    publish(day);
    day.cells.reset();
    spare = day.cells;
  };
  const addRow = (row: Buffer[]) => {
    const [array, ratio, qoe, userId] = row;
    if (array.length !== int4ArrayBytes(INT_FIELDS.length))
      throw new Error("cube: unexpected binary layout of the fact stream");
    const dateKey = int(array, 0);
    if (current?.dateKey !== dateKey) {
      if (current) publishAndRecycle(current);
      current = {
        dateKey,
        cells: spare ?? new CubeDay(cardinalities),
        sink: sinkFor?.(dateKey, cardinalities) ?? null,
      };
      spare = null;
    }
    codes[HOUR] = int(array, 1);
    for (let f = 0; f < FAMILIES.length; f++) {
      const columns = familyColumns[f];
      const base = int(array, 2 + f) * columns.length;
      const byKey = dictionaries.codesByKey[f];
      for (let j = 0; j < columns.length; j++) codes[columns[j]] = byKey[base + j];
    }
    let slot = 2 + FAMILIES.length;
    fact.startupMs = int(array, slot++);
    fact.rebufferCount = int(array, slot++);
    fact.rebufferMs = int(array, slot++);
    fact.bitrateKbps = int(array, slot++);
    fact.qualityScore = int(array, slot++);
    fact.watchSec = int(array, slot++);
    fact.failure = int(array, slot++);
    fact.sessionQuality = int(array, slot++);
    fact.severity = int(array, slot++);
    fact.startupCategory = int(array, slot++);
    fact.resolution = int(array, slot++);
    fact.rebufferRatio = ratio.readDoubleBE(0);
    fact.qoe = qoe.readDoubleBE(0);
    current.cells.add(codes, fact);
    current.sink?.add(codes, fact, userId.toString("latin1"));
  };
  await tx.unsafe(`declare cube_facts binary no scroll cursor for ${FACTS}`, [dateKeys]);
  await tx
    .unsafe("fetch all from cube_facts")
    .raw()
    .forEach((row) => {
      addRow(row as unknown as Buffer[]);
    });
  await tx.unsafe("close cube_facts");
  if (current) publishAndRecycle(current);
}

const COPY_COLUMNS = [
  "grain",
  "date_key",
  ...CUBE_DIMENSION_COLUMNS,
  ...CUBE_MEASURES.map((m) => m.column),
  ...CUBE_HISTOGRAMS.flatMap((h) => [h.bins, h.counts]),
];
const MEASURES = CUBE_MEASURES.length;

/** One grain's cells as binary COPY rows (every dimension column, null where the grain has none). */
function writeGrain(
  out: BinaryCopyWriter,
  cells: GrainCells,
  dateKey: number,
  dictionaries: Dictionaries,
): void {
  const grain = Buffer.from(cells.grain.name);
  const bins = new Int32Array(Math.max(...HISTOGRAM_BUCKETS));
  const counts = new Int32Array(bins.length);
  for (let cell = 0; cell < cells.size; cell++) {
    out.row(COPY_COLUMNS.length).text(grain).int4(dateKey);
    for (let d = 0; d < CUBE_DIMENSION_COLUMNS.length; d++) {
      const code = cells.codes[cell * CUBE_DIMENSION_COLUMNS.length + d];
      if (code < 0) out.nul();
      else if (d === HOUR) out.int2(code);
      else out.text(dictionaries.values[d][code]);
    }
    for (let m = 0; m < MEASURES; m++) {
      const sum = cells.sums[cell * MEASURES + m];
      if (CUBE_MEASURES[m].type === "int") out.int4(sum);
      else out.float8(sum);
    }
    for (let h = 0; h < CUBE_HISTOGRAMS.length; h++) {
      let n = 0;
      cells.forEachBucket(cell, h, (bucket, count) => {
        bins[n] = bucket;
        counts[n++] = count;
      });
      out.array("int2", bins.subarray(0, n)).array("int4", counts.subarray(0, n));
    }
  }
}

/**
 * When the cube holds no (visible) rows - a first load, or a whole-cube rebuild - its indexes are
 * dropped and rebuilt after the inserts, sorted once (cheaper than maintaining them row by row).
 * Inside the caller's transaction, so the schema after it is identical; a cube with rows keeps
 * per-row maintenance (never blocks readers of a loaded warehouse). Returns the definitions.
 */
async function dropIndexesIfEmpty(tx: Executor): Promise<string[]> {
  const [{ empty }] = await tx.unsafe<{ empty: boolean }[]>(
    "select not exists (select 1 from agg_cube) as empty",
  );
  if (!empty) return [];
  const indexes = await tx.unsafe<{ name: string; def: string }[]>(`
    select indexrelid::regclass::text as name, pg_get_indexdef(indexrelid) as def
    from pg_index i
    where indrelid = 'agg_cube'::regclass
      and not exists (select 1 from pg_constraint c where c.conindid = i.indexrelid)`);
  for (const index of indexes) await tx.unsafe(`drop index ${index.name}`);
  return indexes.map((index) => index.def);
}

/**
 * Replaces the cube rows of these days with rows recomputed from the facts, and feeds the same
 * sessions to a sink per day if given. Returns the cube rows written.
 */
export async function refreshCube(
  tx: Executor,
  dateKeys: number[],
  options: { sinkFor?: DaySinkFactory } = {},
): Promise<number> {
  if (dateKeys.length === 0) return 0;
  // Waits for a whole-cube rebuild (db/cube/sync.ts) in progress, and holds one off meanwhile.
  await tx.unsafe("lock table agg_cube_state in row exclusive mode");
  const dictionaries = await loadDictionaries(tx);
  await tx.unsafe("delete from agg_cube where date_key = any($1::int[])", [dateKeys]);
  const deferred = await dropIndexesIfEmpty(tx);
  const copySql = `copy agg_cube (${COPY_COLUMNS.join(", ")}) from stdin with (format binary)`;
  const bulk = deferred.length > 0;
  const spool = await GrainSpool.create(tx, copySql);
  let rows = 0;
  const out = new BinaryCopyWriter();
  const name = (column: CubeDimensionColumn, code: number) => {
    const index = CUBE_DIMENSION_COLUMNS.indexOf(column);
    return index === HOUR ? code : dictionaries.values[index][code].toString();
  };
  try {
    await streamDays(tx, dateKeys, dictionaries, options.sinkFor, ({ dateKey, cells, sink: daySink }) => {
      daySink?.publish(name);
      cells.finish();
      for (const g of cells.grains) {
        if (g.grain.internal || g.size === 0) continue;
        writeGrain(out, g, dateKey, dictionaries);
        spool.write(g.grain.name, out.take());
        rows += g.size;
      }
    });
    await spool.finish();
  } finally {
    await spool.dispose();
  }
  for (const definition of deferred) await tx.unsafe(definition);
  // Fresh statistics for the new layout and size before anyone plans against it; only of the
  // columns queries filter and group on (the measures' statistics are never used, and computing
  // them was most of the cost).
  if (bulk) await tx.unsafe(`analyze agg_cube (grain, date_key, ${CUBE_DIMENSION_COLUMNS.join(", ")})`);
  return rows;
}
