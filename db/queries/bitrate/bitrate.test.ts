import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { RESOLUTIONS } from "@/db/constants";
import { BITRATE_BUCKET_KBPS } from "@/db/cube/definition";
import { resolveFilters } from "@/lib/api/resolveFilters";
import type { ResolvedFilters } from "@/lib/filters";
import { loadTestWarehouse, type TestWarehouse } from "@/test/warehouse";
import { expectRowsClose } from "../testSupport";
import { getBitrateBreakdown } from "./getBitrateBreakdown";
import {
  BITRATE_HISTOGRAM_CAP_KBPS,
  bitrateHistogramSchema,
  getBitrateHistogram,
} from "./getBitrateHistogram";
import { getQualityScoreDistribution } from "./getQualityScoreDistribution";
import { getResolutionMix } from "./getResolutionMix";
import { getResolutionTrend } from "./getResolutionTrend";

let wh: TestWarehouse;
let all: ResolvedFilters;

beforeAll(async () => {
  wh = await loadTestWarehouse({ sessions: 3000, seed: 24, prefix: "bitrate_q" });
  all = await resolveFilters({}, wh.db);
});
afterAll(async () => {
  await wh?.drop();
});

describe("getBitrateHistogram", () => {
  it("bins every filtered session exactly once, as direct range counts do", async () => {
    const bins = await getBitrateHistogram({ ...all, device: ["smart_tv"] }, { binKbps: 2000 }, wh.db);
    expect(bins).toHaveLength(BITRATE_HISTOGRAM_CAP_KBPS / 2000 + 1);
    const direct = await wh.sql<{ start: number; sessions: number }[]>`
      select (least(avg_bitrate_kbps, ${BITRATE_HISTOGRAM_CAP_KBPS}) / 2000 * 2000)::int as start, count(*)::int as sessions
      from fact_playback_sessions f join dim_device d using (device_key)
      where d.device_type = 'smart_tv' group by 1`;
    for (const bin of bins) {
      expect(bin.sessions, `bin ${bin.start}`).toBe(direct.find((d) => d.start === bin.start)?.sessions ?? 0);
    }
    expect(bins.reduce((s, b) => s + b.sessions, 0)).toBe(direct.reduce((s, d) => s + d.sessions, 0));
    expect(bitrateHistogramSchema.safeParse({ binKbps: "3" }).success).toBe(false);
  });
});

describe("getResolutionTrend", () => {
  it("gives each day's resolution shares (summing to 100 %) with the facts' counts", async () => {
    const rows = await getResolutionTrend(all, wh.db);
    const direct = await wh.sql<{ t: string; series: string; sessions: number }[]>`
      select dd.full_date::text as t, f.resolution as series, count(*)::int as sessions
      from fact_playback_sessions f join dim_date dd using (date_key) group by 1, 2 order by 1, 2`;
    expect(rows.map(({ t, series, sessions }) => ({ t, series, sessions }))).toEqual([...direct]);
    const perDay = new Map<string, number>();
    for (const r of rows) perDay.set(r.t, (perDay.get(r.t) ?? 0) + (r.value ?? 0));
    for (const [, total] of perDay) expect(total).toBeCloseTo(100, 9);
    expect(new Set(rows.map((r) => r.series))).toEqual(new Set(RESOLUTIONS));
  });
});

describe("getBitrateBreakdown", () => {
  it("matches a GROUP BY network over the facts, lowest average first", async () => {
    const rows = await getBitrateBreakdown(all, { by: "network" }, wh.db);
    const direct = await wh.sql`
      select n.network_type as "group", count(*)::int as sessions, avg(avg_bitrate_kbps)::float8 as "avgBitrateKbps",
             percentile_cont(0.5) within group (order by avg_bitrate_kbps)::float8 as "medianBitrateKbps",
             avg(quality_score)::float8 as "avgQualityScore"
      from fact_playback_sessions f join dim_network n using (network_key)
      group by 1 order by 3, 1`;
    // The median is read from the cube's 250 kbps bitrate histogram: within one bucket.
    expectRowsClose(rows, [...direct], "rows", { medianBitrateKbps: BITRATE_BUCKET_KBPS });
    // 4G is capped at 720p in the generator, ethernet reaches 4K.
    expect(rows[0].group).toBe("cellular_4g");
  });
});

describe("getResolutionMix", () => {
  it("gives each device type's resolution shares from the facts", async () => {
    const rows = await getResolutionMix({ ...all, network: ["cellular_4g"] }, { by: "device" }, wh.db);
    const direct = await wh.sql<{ group: string; resolution: string; sessions: number; pct: number }[]>`
      select d.device_type as "group", f.resolution, count(*)::int as sessions,
             (100.0 * count(*) / sum(count(*)) over (partition by d.device_type))::float8 as pct
      from fact_playback_sessions f join dim_device d using (device_key) join dim_network n using (network_key)
      where n.network_type = 'cellular_4g' group by 1, 2 order by 1, 2`;
    expectRowsClose(rows, [...direct]);
    // 4G never delivers above 720p.
    expect(new Set(rows.map((r) => r.resolution))).toEqual(new Set(["720p", "480p"]));
  });
});

describe("getQualityScoreDistribution", () => {
  it("counts sessions per bitrate band score, best first", async () => {
    const rows = await getQualityScoreDistribution(all, wh.db);
    const direct = await wh.sql<{ category: string; sessions: number }[]>`
      select (case when avg_bitrate_kbps >= 20000 then 100 when avg_bitrate_kbps >= 6000 then 75
                   when avg_bitrate_kbps >= 3000 then 50 when avg_bitrate_kbps >= 1000 then 25 else 10 end)::text
               as category, count(*)::int as sessions
      from fact_playback_sessions group by 1`;
    expect(rows.map((r) => r.category)).toEqual(["100", "75", "50", "25", "10"]);
    for (const row of rows) {
      expect(row.sessions).toBe(direct.find((d) => d.category === row.category)?.sessions ?? 0);
    }
  });
});
