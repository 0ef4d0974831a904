import { describe, expect, it } from "vitest";
import { CubeDay, type GrainCells } from "./cells";
import {
  CUBE_DIMENSION_COLUMNS,
  CUBE_GRAINS,
  CUBE_HISTOGRAMS,
  CUBE_MEASURES,
  type CubeFact,
  grainColumns,
} from "./definition";

/**
 * CubeDay against a naive group-by written here, over more sessions than one block (so sessions
 * are added in several flushes), for every grain: sums, and histograms as sorted (bucket, count).
 */

const CARDINALITIES = CUBE_DIMENSION_COLUMNS.map((c) => (c === "hour" ? 24 : c === "content_id" ? 40 : 5));

function randomSessions(n: number, seed: number): { codes: Int32Array; fact: CubeFact }[] {
  let state = seed;
  const next = (below: number) => {
    state = (state * 1103515245 + 12345) & 0x7fffffff;
    return state % below;
  };
  return Array.from({ length: n }, () => ({
    // Skewed codes, so some cells hold many sessions and others one.
    codes: Int32Array.from(CARDINALITIES, (c) => Math.min(next(c), next(c))),
    fact: {
      startupMs: 100 + next(29_900),
      rebufferRatio: next(1000) / 37,
      rebufferCount: next(4),
      rebufferMs: next(5000),
      bitrateKbps: 100 + next(49_900),
      qoe: next(10_000) / 100,
      qualityScore: [100, 75, 50, 25, 10][next(5)],
      watchSec: 1 + next(7200),
      failure: next(20) === 0 ? 1 : 0,
      sessionQuality: next(4),
      severity: next(4),
      startupCategory: next(4),
      resolution: next(4),
    },
  }));
}

const cellKey = (codes: ArrayLike<number>, columns: readonly number[]) =>
  columns.map((i) => codes[i]).join("|");

function expectGrain(cells: GrainCells, sessions: ReturnType<typeof randomSessions>): void {
  const columns = grainColumns(cells.grain).map((c) => CUBE_DIMENSION_COLUMNS.indexOf(c));
  const expected = new Map<string, { sums: number[]; histograms: Map<number, number>[] }>();
  for (const { codes, fact } of sessions) {
    const key = cellKey(codes, columns);
    let cell = expected.get(key);
    if (!cell) {
      cell = { sums: CUBE_MEASURES.map(() => 0), histograms: CUBE_HISTOGRAMS.map(() => new Map()) };
      expected.set(key, cell);
    }
    CUBE_MEASURES.forEach((m, i) => {
      (cell as { sums: number[] }).sums[i] += m.value(fact);
    });
    CUBE_HISTOGRAMS.forEach((h, i) => {
      const bucket = Math.floor(h.value(fact) / h.width);
      const counts = (cell as { histograms: Map<number, number>[] }).histograms[i];
      counts.set(bucket, (counts.get(bucket) ?? 0) + 1);
    });
  }
  expect(cells.size, `${cells.grain.name}: one cell per distinct key`).toBe(expected.size);
  for (let c = 0; c < cells.size; c++) {
    const codes = cells.codes.subarray(
      c * CUBE_DIMENSION_COLUMNS.length,
      (c + 1) * CUBE_DIMENSION_COLUMNS.length,
    );
    const want = expected.get(cellKey(codes, columns));
    expect(want, `${cells.grain.name} cell ${cellKey(codes, columns)}`).toBeDefined();
    CUBE_MEASURES.forEach((m, i) => {
      const got = cells.sums[c * CUBE_MEASURES.length + i];
      expect(
        Math.abs(got - (want?.sums[i] ?? Number.NaN)),
        `${cells.grain.name} ${m.column}`,
      ).toBeLessThanOrEqual(1e-9 * Math.max(1, Math.abs(got)));
    });
    CUBE_HISTOGRAMS.forEach((h, i) => {
      const got: [number, number][] = [];
      cells.forEachBucket(c, i, (bucket, count) => got.push([bucket, count]));
      const carried = cells.grain.histograms.includes(h.name);
      const wanted = carried ? [...(want?.histograms[i] ?? new Map())].sort((a, b) => a[0] - b[0]) : [];
      expect(got, `${cells.grain.name} ${h.name} histogram`).toEqual(wanted);
    });
  }
}

describe("CubeDay", () => {
  it("equals a naive group-by at every grain, over several blocks of sessions", () => {
    const sessions = randomSessions(10_000, 7);
    const day = new CubeDay(CARDINALITIES);
    for (const { codes, fact } of sessions) day.add(codes, fact);
    day.finish();
    expect(day.grains.map((g) => g.grain.name)).toEqual(CUBE_GRAINS.map((g) => g.name));
    for (const cells of day.grains) expectGrain(cells, sessions);
    // Reused for another day: nothing of the first day remains.
    const other = randomSessions(5_000, 11);
    day.reset();
    for (const { codes, fact } of other) day.add(codes, fact);
    day.finish();
    for (const cells of day.grains) expectGrain(cells, other);
  });

  it("refuses a histogram value beyond the clipped maximum, naming it", () => {
    const [session] = randomSessions(1, 3);
    const day = new CubeDay(CARDINALITIES);
    expect(() => day.add(session.codes, { ...session.fact, startupMs: 1e6 })).toThrow(
      /startup value 1000000/,
    );
  });

  it("holds nothing for a day without sessions", () => {
    const day = new CubeDay(CARDINALITIES);
    day.finish();
    expect(day.grains.every((g) => g.size === 0)).toBe(true);
  });
});
