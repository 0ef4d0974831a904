import { type SQL, type SQLWrapper, sql } from "drizzle-orm";
import { PgDialect } from "drizzle-orm/pg-core";
import type { Db } from "../client";

/**
 * Dimension filters on the facts, planned with their real keys.
 *
 * A filter such as "OS version iOS 15.3" is a set of dimension keys. Written as a sub-select
 * (`f.device_key in (select ... from dim_device where ...)`), the planner must guess how many
 * keys and fact rows it means. It cannot combine two such filters on their indexes (BitmapAnd),
 * and for a broad filter it may pick one index scan per key. Both were measured at 1M sessions:
 * 220-490 ms per statement.
 *
 * The fix is to look the keys up first, in one round trip, and bind them as an array. Then
 * `f.device_key = any($n)` is planned from the fact column's statistics:
 * - one ISP, or one OS version inside a country, uses its indexes (20-50 ms measured);
 * - a broad filter uses a scan.
 *
 * Any other executor of the same SQL gets the sub-select form, so a statement is never wrong,
 * only slower.
 */
export class DimensionKeyFilter implements SQLWrapper {
  private keys: number[] | null = null;

  constructor(
    private readonly column: SQL,
    /** `select <key> from <dimension table> where ...` */
    readonly lookup: SQL,
  ) {}

  resolve(keys: number[]): void {
    this.keys = keys;
  }

  getSQL(): SQL {
    collecting?.push(this);
    // Keys are integers read from the dimension table, bound as one int4[] text parameter.
    return this.keys
      ? sql`${this.column} = any(${`{${this.keys.join(",")}}`}::int4[])`
      : sql`${this.column} in (${this.lookup})`;
  }
}

let collecting: DimensionKeyFilter[] | null = null;
const dialect = new PgDialect();

/** The dimension filters a statement holds (rendering is synchronous, so collection is safe). */
function dimensionFiltersIn(statement: SQL): DimensionKeyFilter[] {
  collecting = [];
  try {
    dialect.sqlToQuery(statement);
    return [...new Set(collecting)];
  } finally {
    collecting = null;
  }
}

/**
 * Looks up the keys of every dimension filter in `statement`, in one query, so that rendering it
 * from now on binds them. Statements without dimension filters cost nothing.
 */
export async function resolveDimensionKeys(statement: SQL, db: Db): Promise<void> {
  const filters = dimensionFiltersIn(statement);
  if (filters.length === 0) return;
  const lookups = filters.map((f, i) => sql`array(${f.lookup}) as ${sql.identifier(`k${i}`)}`);
  const [row] = (await db.execute(sql`select ${sql.join(lookups, sql`, `)}`)) as unknown as Record<
    string,
    number[]
  >[];
  filters.forEach((f, i) => {
    f.resolve(row[`k${i}`].map(Number));
  });
}
