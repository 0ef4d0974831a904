import { describe, expect, it } from "vitest";
import { DEFAULT_BASELINE_DIMENSIONS } from "@/lib/insights/baseline";
import { INSIGHT_DIMENSIONS, segmentKey } from "@/lib/insights/dimensions";
import { fitModels } from "@/lib/insights/engine";
import { cellsInMemory, type SessionRow, segmentsInMemory } from "@/lib/insights/inMemory";
import { INSIGHT_METRICS } from "@/lib/insights/metrics";
import { simulateSessions } from "@/lib/insights/simulate";
import { DIMENSION_COLUMNS, type Family } from "./dimensionSql";
import { type DimensionTable, FAMILIES, SegmentCells } from "./segmentCells";

/**
 * The streamed pass's arithmetic without a database: sessions from the generator model, given
 * star-schema keys (one per distinct attribute tuple of each dimension table, sparse like serial
 * keys), summed by SegmentCells and compared with the row-by-row reference. More sessions than
 * one block, so the block flush and the final partial block are both exercised.
 */

const B = DEFAULT_BASELINE_DIMENSIONS;
const SESSIONS = 40_000;

function warehouse(rows: readonly SessionRow[]) {
  const tables = {} as Record<Family, DimensionTable>;
  const keys = rows.map(() => new Int32Array(FAMILIES.length));
  FAMILIES.forEach((fam, f) => {
    const dims = INSIGHT_DIMENSIONS.filter((d) => DIMENSION_COLUMNS[d].family === fam);
    const ids = new Map<string, number>();
    const table = { keys: [] as number[], values: Object.fromEntries(dims.map((d) => [d, [] as string[]])) };
    rows.forEach((r, i) => {
      const tuple = dims.map((d) => r.dims[d]).join("\u0000");
      let key = ids.get(tuple);
      if (key === undefined) {
        key = 5 + 3 * ids.size;
        ids.set(tuple, key);
        table.keys.push(key);
        for (const d of dims) table.values[d]!.push(r.dims[d]);
      }
      keys[i]![f] = key;
    });
    tables[fam] = table;
  });
  return { tables, keys };
}

describe("SegmentCells", () => {
  const rows = simulateSessions(SESSIONS, 5, "default");
  const models = fitModels(cellsInMemory(rows, B), B);
  const { tables, keys } = warehouse(rows);

  it("sums every segment as the row-by-row reference does, support floor included", () => {
    const cells = new SegmentCells(tables, models, B);
    expect(cells.metrics).toEqual(INSIGHT_METRICS.filter((m) => models[m]));
    rows.forEach((r, i) => {
      cells.add(
        keys[i]!,
        r.minutes,
        r.stallMs,
        cells.metrics.map((m) => r.values[m]),
      );
    });
    const got = cells.segments(10);
    const expected = new Map(segmentsInMemory(rows, models, B, 10).map((s) => [segmentKey(s.segment), s]));
    expect(got.length).toBe(expected.size);
    const close = (a: number, b: number) => Math.abs(a - b) <= 1e-9 * Math.max(1, Math.abs(a), Math.abs(b));
    for (const s of got) {
      const ref = expected.get(segmentKey(s.segment))!;
      expect(ref, segmentKey(s.segment)).toBeDefined();
      expect(s.sessions).toBe(ref.sessions);
      expect(close(s.stallMs, ref.stallMs)).toBe(true);
      for (const m of INSIGHT_METRICS) {
        const [a, b] = [s.metrics[m], ref.metrics[m]];
        expect(
          close(a.sy, b.sy) && close(a.se, b.se) && close(a.sr2, b.sr2),
          `${segmentKey(s.segment)} ${m}`,
        ).toBe(true);
      }
    }
  });

  it("refuses a fact row whose key is not in its dimension table", () => {
    const cells = new SegmentCells(tables, models, B);
    const bad = Int32Array.from(keys[0]!);
    bad[FAMILIES.indexOf("geo")] = 4;
    expect(() => cells.add(bad, 1, 0, new Float64Array(cells.metrics.length))).toThrow(
      "fact row references unknown geo key 4",
    );
  });
});
