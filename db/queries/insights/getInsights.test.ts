import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { resolveFilters } from "@/lib/api/resolveFilters";
import type { ResolvedFilters } from "@/lib/filters";
import { DEFAULT_BASELINE_DIMENSIONS } from "@/lib/insights/baseline";
import { segmentKey } from "@/lib/insights/dimensions";
import { fitModels } from "@/lib/insights/engine";
import { rankOfFault, unmatchedFindings } from "@/lib/insights/groundTruth";
import { cellsInMemory, type SessionRow, segmentsInMemory } from "@/lib/insights/inMemory";
import { INSIGHT_METRICS } from "@/lib/insights/metrics";
import { loadTestWarehouse, type TestWarehouse } from "@/test/warehouse";
import { factWhere } from "../filters";
import { runQuery } from "../sql";
import { getBaselineCells } from "./getBaselineCells";
import { getInsights } from "./getInsights";
import { getSegmentStats } from "./getSegmentStats";

/**
 * The engine against a warehouse loaded by the real ETL from generated files: the SQL passes agree
 * with a row-by-row reference, the three injected bugs come out at their exact segments, and a
 * file without faults is reported healthy.
 */

const SESSIONS = 40_000;
const B = DEFAULT_BASELINE_DIMENSIONS;

type Raw = Record<string, string | number>;

async function sessionRows(wh: TestWarehouse, filters?: ResolvedFilters): Promise<SessionRow[]> {
  const rows = await runQuery<Raw>(
    sql`select dd.device_type, dd.os_name, dd.os_name || ' ' || dd.os_version as os_version, dd.app_version,
               dc.content_id, dg.country_code, dg.isp, dg.cdn_pop, dn.network_type,
               f.session_duration_sec::float8 / 60 as minutes, f.rebuffer_duration_ms::float8 as stall_ms,
               f.startup_time_ms::float8 as startup, f.rebuffer_ratio::float8 as ratio,
               f.rebuffer_count::float8 as stalls, f.avg_bitrate_kbps::float8 as bitrate,
               f.video_start_failure::int as failed
        from fact_playback_sessions f
        join dim_device dd using (device_key) join dim_content dc using (content_key)
        join dim_geography dg using (geo_key) join dim_network dn using (network_key)
        where ${filters ? factWhere(filters) : sql`true`}`,
    wh.db,
  );
  return rows.map((r) => ({
    dims: {
      device_type: String(r.device_type),
      os_name: String(r.os_name),
      os_version: String(r.os_version),
      app_version: String(r.app_version),
      content_id: String(r.content_id),
      country_code: String(r.country_code),
      isp: String(r.isp),
      cdn_pop: String(r.cdn_pop),
      network_type: String(r.network_type),
    },
    minutes: Number(r.minutes),
    stallMs: Number(r.stall_ms),
    values: {
      startup_time_ms: Number(r.startup),
      rebuffer_ratio: Number(r.ratio),
      rebuffer_count: Number(r.stalls),
      bitrate_kbps: Number(r.bitrate),
      video_start_failure_rate: Number(r.failed),
    },
  }));
}

const close = (a: number, b: number) => Math.abs(a - b) <= 1e-6 * Math.max(1, Math.abs(a), Math.abs(b));

/** Every segment the streamed pass returns has the row-by-row reference's sums, and no more. */
async function expectSegmentsMatchReference(wh: TestWarehouse, filters: ResolvedFilters, rows: SessionRow[]) {
  const cells = await getBaselineCells(filters, B, wh.db);
  const models = fitModels(cells, B);
  const segments = await getSegmentStats(filters, models, B, 10, wh.db);
  const expected = new Map(segmentsInMemory(rows, models, B, 10).map((s) => [segmentKey(s.segment), s]));
  expect(segments.length).toBe(expected.size);
  for (const s of segments) {
    const ref = expected.get(segmentKey(s.segment));
    expect(ref, segmentKey(s.segment)).toBeDefined();
    expect(s.sessions).toBe(ref!.sessions);
    expect(close(s.stallMs, ref!.stallMs)).toBe(true);
    for (const m of INSIGHT_METRICS) {
      const [a, b] = [s.metrics[m], ref!.metrics[m]];
      expect(
        close(a.sy, b.sy) && close(a.se, b.se) && close(a.sr2, b.sr2),
        `${segmentKey(s.segment)} ${m}`,
      ).toBe(true);
    }
  }
}

describe("with the default faults", () => {
  let wh: TestWarehouse;
  let all: ResolvedFilters;
  beforeAll(async () => {
    wh = await loadTestWarehouse({ sessions: SESSIONS, seed: 7, faults: "default", prefix: "insights_bugs" });
    all = await resolveFilters({}, wh.db);
  });
  afterAll(async () => {
    await wh?.drop();
  });

  it("aggregates exactly what a row-by-row pass over the facts gives", async () => {
    const rows = await sessionRows(wh);
    const cells = await getBaselineCells(all, B, wh.db);
    const reference = cellsInMemory(rows, B);
    expect(cells).toHaveLength(reference.length);
    for (const c of reference) {
      const got = cells.find((x) => B.every((d) => x.values[d] === c.values[d]))!;
      expect(got.sessions).toBe(c.sessions);
      for (const m of INSIGHT_METRICS) {
        expect(close(got.metrics[m].syy, c.metrics[m].syy), m).toBe(true);
        expect(close(got.metrics[m].sxy, c.metrics[m].sxy), m).toBe(true);
      }
    }
    await expectSegmentsMatchReference(wh, all, rows);
  });

  it("streams exactly the filtered facts (date range and dimension filters as bind parameters)", async () => {
    const filters = await resolveFilters(
      { from: "2026-10-10", to: "2026-10-20", country: ["BR", "US"], device: ["mobile", "web"] },
      wh.db,
    );
    const rows = await sessionRows(wh, filters);
    expect(rows.length).toBeGreaterThan(1000);
    expect(rows.length).toBeLessThan(SESSIONS / 4);
    await expectSegmentsMatchReference(wh, filters, rows);
  });

  it("ranks each injected bug in the top 5 at its exact segment, and nothing else", async () => {
    const report = await getInsights(all, {}, wh.db);
    for (const fault of wh.manifest.faults) {
      const rank = rankOfFault(fault, report.findings);
      expect(rank, `${fault.name}: ${report.findings.map((f) => f.summary).join(" | ")}`).not.toBeNull();
      expect(rank!).toBeLessThanOrEqual(5);
    }
    expect(unmatchedFindings(wh.manifest.faults, report.findings).map((f) => f.summary)).toEqual([]);
    expect(report.healthy).toBe(false);
    expect(report.findings[0]!.summary).toMatch(/than expected/);
  });

  it("follows the dashboard filters: inside Brazil the routing fault is the ISP alone", async () => {
    const brazil = await resolveFilters({ country: ["BR"] }, wh.db);
    const report = await getInsights(brazil, { metrics: ["startup_time_ms"] }, wh.db);
    expect(report.findings[0]?.segment).toEqual({ isp: "vodafone" });
    expect(report.findings[0]?.link).toEqual({ page: "/startup", filters: { isp: "vodafone" } });
    // Nothing but the two startup bugs as they look inside Brazil (no splits of either).
    const allowed = [{ isp: "vodafone" }, { device_type: "mobile", os_version: "iOS 15.3" }].map(segmentKey);
    for (const f of report.findings) expect(allowed, f.summary).toContain(segmentKey(f.segment));
    const [{ n }] = await runQuery<{ n: number }>(
      sql`select count(*)::int as n from fact_playback_sessions f join dim_geography g using (geo_key) where g.country_code = 'BR'`,
      wh.db,
    );
    expect(report.sessions).toBe(n);
  });

  it("reports an empty range as healthy with nothing tested", async () => {
    const report = await getInsights({ from: "2001-01-01", to: "2001-01-31" }, {}, wh.db);
    expect(report).toMatchObject({ sessions: 0, findings: [], healthy: true, hypothesesTested: 0 });
  });
});

describe("without faults", () => {
  let wh: TestWarehouse;
  beforeAll(async () => {
    wh = await loadTestWarehouse({ sessions: SESSIONS, seed: 8, faults: "none", prefix: "insights_clean" });
  });
  afterAll(async () => {
    await wh?.drop();
  });

  it("finds nothing: the data looks healthy", async () => {
    const report = await getInsights(await resolveFilters({}, wh.db), {}, wh.db);
    expect(report.findings.map((f) => f.summary)).toEqual([]);
    expect(report.healthy).toBe(true);
    expect(report.hypothesesTested).toBeGreaterThan(10_000);
  });
});
