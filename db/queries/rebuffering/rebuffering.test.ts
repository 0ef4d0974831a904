import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { BUFFERING_SEVERITIES } from "@/db/constants";
import { resolveFilters } from "@/lib/api/resolveFilters";
import type { ResolvedFilters } from "@/lib/filters";
import { DEFAULT_FAULTS } from "@/scripts/generate/faults";
import { loadTestWarehouse, type TestWarehouse } from "@/test/warehouse";
import { expectRowsClose } from "../testSupport";
import { getRebufferBreakdown } from "./getRebufferBreakdown";
import { getRebufferHeatmap } from "./getRebufferHeatmap";
import { getRebufferTrend } from "./getRebufferTrend";
import { getSeverityMix } from "./getSeverityMix";
import { getTopStallContent, topContentSchema } from "./getTopStallContent";

let wh: TestWarehouse;
let all: ResolvedFilters;

// A content with 20× the stalls must top the stall-time ranking whatever its session count.
const STALLING_CONTENT = "content_7";

beforeAll(async () => {
  wh = await loadTestWarehouse({
    sessions: 3000,
    seed: 23,
    prefix: "rebuffer_q",
    faults: [
      ...DEFAULT_FAULTS,
      {
        name: "test_stalling_content",
        segment: { content_id: STALLING_CONTENT },
        metric: "rebuffering",
        effect: { multiply: 20 },
      },
    ],
  });
  all = await resolveFilters({}, wh.db);
});
afterAll(async () => {
  await wh?.drop();
});

type Bucketed = { t: string; sessions: number; ratio: number; spm: number };

/** Rebuffer ratio and stalls per minute from the facts, bucketed by an expression over f/t/dd. */
async function directTrend(bucket: string, where: string, params: unknown[] = []) {
  const rows = await wh.sql.unsafe<Bucketed[]>(
    `select ${bucket} as t, count(*)::int as sessions, avg(f.rebuffer_ratio)::float8 as ratio,
            (sum(f.rebuffer_count) / (sum(f.session_duration_sec) / 60.0))::float8 as spm
     from fact_playback_sessions f join dim_date dd using (date_key) join dim_time t using (time_key)
     join dim_device d using (device_key) join dim_network n using (network_key)
     where ${where} group by 1 order by 1`,
    params as never[],
  );
  return rows.flatMap((r) => [
    { t: r.t, series: "rebufferRatio", value: r.ratio, sessions: r.sessions },
    { t: r.t, series: "stallsPerMinute", value: r.spm, sessions: r.sessions },
  ]);
}

describe("getRebufferTrend", () => {
  const day = "dd.full_date::text";
  const hour = "lpad(t.hour::text, 2, '0') || ':00'";

  it("daily series match the facts on the aggregate paths (none, device, country) and the fact path", async () => {
    expectRowsClose(await getRebufferTrend(all, { grain: "day" }, wh.db), await directTrend(day, "true"));
    expectRowsClose(
      await getRebufferTrend({ ...all, device: ["smart_tv", "web"] }, { grain: "day" }, wh.db),
      await directTrend(day, "d.device_type in ('smart_tv', 'web')"),
    );
    expectRowsClose(
      await getRebufferTrend({ ...all, network: ["cellular_4g"] }, { grain: "day" }, wh.db),
      await directTrend(day, "n.network_type = 'cellular_4g'"),
    );
  });

  it("hour-of-day series match the facts from the hourly aggregate and with filters", async () => {
    const hourly = await getRebufferTrend(all, { grain: "hour" }, wh.db);
    expectRowsClose(hourly, await directTrend(hour, "true"));
    expect(new Set(hourly.map((r) => r.t)).size).toBe(24);
    expectRowsClose(
      await getRebufferTrend({ ...all, device: ["mobile"] }, { grain: "hour" }, wh.db),
      await directTrend(hour, "d.device_type = 'mobile'"),
    );
  });
});

describe("getSeverityMix", () => {
  it("follows the stall-count bands (0, ≤2, ≤5, more) over raw rebuffer counts", async () => {
    const rows = await getSeverityMix(all, wh.db);
    const direct = await wh.sql<{ category: string; sessions: number }[]>`
      select case when rebuffer_count = 0 then 'none' when rebuffer_count <= 2 then 'minor'
                  when rebuffer_count <= 5 then 'moderate' else 'severe' end as category, count(*)::int as sessions
      from fact_playback_sessions group by 1`;
    expect(rows.map((r) => r.category)).toEqual([...BUFFERING_SEVERITIES]);
    for (const row of rows) {
      expect(row.sessions).toBe(direct.find((d) => d.category === row.category)?.sessions ?? 0);
    }
    expect(rows.reduce((s, r) => s + r.pct, 0)).toBeCloseTo(100, 9);
  });
});

describe("getRebufferBreakdown", () => {
  it("matches a GROUP BY network over the facts, worst ratio first", async () => {
    const rows = await getRebufferBreakdown(
      { ...all, country: ["US", "GB", "DE"] },
      { by: "network" },
      wh.db,
    );
    const direct = await wh.sql`
      select n.network_type as "group", count(*)::int as sessions, avg(rebuffer_ratio)::float8 as "rebufferRatio",
             (sum(rebuffer_count) / (sum(session_duration_sec) / 60.0))::float8 as "stallsPerMinute",
             (100.0 * count(*) filter (where rebuffer_count > 0) / count(*))::float8 as "stalledSessionsPct"
      from fact_playback_sessions f join dim_network n using (network_key) join dim_geography g using (geo_key)
      where g.country_code in ('US', 'GB', 'DE')
      group by 1 order by 3 desc, 1`;
    expectRowsClose(rows, [...direct]);
    // Stall rates per minute in the generator: 4G 0.25 > 5G 0.10 > wifi 0.05 > ethernet 0.01.
    expect(rows.map((r) => r.group)).toEqual(["cellular_4g", "cellular_5g", "wifi", "ethernet"]);
  });
});

describe("getTopStallContent", () => {
  it("ranks contents by total stall time like the facts do, and finds the stalling title", async () => {
    const rows = await getTopStallContent(all, { limit: 5 }, wh.db);
    const direct = await wh.sql`
      select c.content_id as "contentId", c.content_type as "contentType", c.genre, count(*)::int as sessions,
             (sum(rebuffer_duration_ms) / 3600000.0)::float8 as "stallHours",
             avg(rebuffer_ratio)::float8 as "rebufferRatio",
             (sum(rebuffer_count) / (sum(session_duration_sec) / 60.0))::float8 as "stallsPerMinute"
      from fact_playback_sessions f join dim_content c using (content_key)
      group by 1, 2, 3 order by 5 desc, 1 limit 5`;
    expectRowsClose(rows, [...direct]);
    expect(rows[0].contentId).toBe(STALLING_CONTENT);
  });

  it("limits and validates the row count", async () => {
    expect(await getTopStallContent(all, { limit: 3 }, wh.db)).toHaveLength(3);
    expect(topContentSchema.parse({}).limit).toBe(10);
    expect(topContentSchema.safeParse({ limit: "0" }).success).toBe(false);
    expect(topContentSchema.safeParse({ limit: "51" }).success).toBe(false);
    expect(topContentSchema.safeParse({ limit: "ten" }).success).toBe(false);
  });
});

describe("getRebufferHeatmap", () => {
  it("has one cell per hour × device with the facts' ratio", async () => {
    const cells = await getRebufferHeatmap({ ...all, network: ["wifi"] }, wh.db);
    const direct = await wh.sql`
      select t.hour::int as hour, d.device_type as "deviceType", avg(rebuffer_ratio)::float8 as "rebufferRatio",
             count(*)::int as sessions
      from fact_playback_sessions f join dim_time t using (time_key) join dim_device d using (device_key)
      join dim_network n using (network_key)
      where n.network_type = 'wifi'
      group by 1, 2 order by 2, 1`;
    expectRowsClose(cells, [...direct]);
  });
});
