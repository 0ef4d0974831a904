import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { PEAK_HOURS } from "@/db/metrics";
import type { ResolvedFilters } from "@/lib/filters";
import { loadTestWarehouse, type TestWarehouse } from "@/test/warehouse";
import { getContentMix } from "./getContentMix";
import { getDeviceMix } from "./getDeviceMix";
import { getHourlyUsage } from "./getHourlyUsage";
import { getQualityTierWatchTime } from "./getQualityTierWatchTime";
import { getWeekdayWeekend } from "./getWeekdayWeekend";

/** Engagement queries against an ETL-loaded warehouse, compared with plain SQL written here. */
describe("engagement queries", () => {
  let wh: TestWarehouse;
  let all: ResolvedFilters;

  beforeAll(async () => {
    wh = await loadTestWarehouse({ sessions: 3000, seed: 23, prefix: "engagement" });
    const [range] = await wh.sql<{ from: string; to: string }[]>`
      select min(full_date)::text as "from", max(full_date)::text as "to" from dim_date`;
    all = { from: range.from, to: range.to };
  });
  afterAll(async () => {
    await wh?.drop();
  });

  it("gives watch time per session quality tier in tier order", async () => {
    const rows = await getQualityTierWatchTime(all, wh.db);
    const expected = await wh.sql<{ tier: string; n: number; minutes: number }[]>`
      select session_quality as tier, count(*)::int as n, (sum(session_duration_sec) / 60.0 / count(*))::float8 as minutes
      from fact_playback_sessions group by 1`;
    const order = ["excellent", "good", "fair", "poor"];
    expect(rows.map((r) => r.tier)).toEqual(order.filter((t) => expected.some((e) => e.tier === t)));
    expect(rows.reduce((s, r) => s + r.sharePct, 0)).toBeCloseTo(100, 9);
    for (const e of expected) {
      const row = rows.find((r) => r.tier === e.tier);
      expect(row?.sessions).toBe(e.n);
      expect(row?.avgWatchMinutes).toBeCloseTo(e.minutes, 9);
    }
  });

  it("counts sessions by UTC hour the same way from the hourly aggregate and from the facts", async () => {
    const expected = await wh.sql<{ hour: number; n: number; qoe: number; days: number }[]>`
      select extract(hour from session_timestamp at time zone 'UTC')::int as hour, count(*)::int as n,
             avg(overall_qoe_score)::float8 as qoe,
             (select count(distinct date_key) from fact_playback_sessions)::int as days
      from fact_playback_sessions group by 1`;
    const fromAggregate = await getHourlyUsage(all, wh.db);
    expect(fromAggregate.map((r) => r.hour)).toEqual(expected.map((e) => e.hour).sort((a, b) => a - b));
    for (const e of expected) {
      const row = fromAggregate.find((r) => r.hour === e.hour);
      expect(row?.sessions, `hour ${e.hour}`).toBe(e.n);
      expect(row?.avgQoe).toBeCloseTo(e.qoe, 9);
      expect(row?.sessionsPerDay).toBeCloseTo(e.n / e.days, 9);
      expect(row?.isPeak).toBe(e.hour >= PEAK_HOURS.from && e.hour <= PEAK_HOURS.to);
    }
    // A dimension filter takes the fact path; its volumes must match plain SQL too.
    const filtered = await getHourlyUsage({ ...all, device: ["mobile"] }, wh.db);
    const expectedMobile = await wh.sql<{ hour: number; n: number }[]>`
      select extract(hour from f.session_timestamp at time zone 'UTC')::int as hour, count(*)::int as n
      from fact_playback_sessions f join dim_device d using (device_key) where d.device_type = 'mobile' group by 1`;
    expect(Object.fromEntries(filtered.map((r) => [r.hour, r.sessions]))).toEqual(
      Object.fromEntries(expectedMobile.map((e) => [e.hour, e.n])),
    );
  });

  it("compares weekdays with weekend days per day of each type", async () => {
    const rows = await getWeekdayWeekend(all, wh.db);
    const expected = await wh.sql<{ weekend: boolean; n: number; days: number; minutes: number }[]>`
      select extract(isodow from session_timestamp at time zone 'UTC') in (6, 7) as weekend, count(*)::int as n,
             count(distinct (session_timestamp at time zone 'UTC')::date)::int as days,
             (avg(session_duration_sec) / 60.0)::float8 as minutes
      from fact_playback_sessions group by 1`;
    expect(rows).toHaveLength(expected.length);
    for (const e of expected) {
      const row = rows.find((r) => r.dayType === (e.weekend ? "weekend" : "weekday"));
      expect(row?.sessions).toBe(e.n);
      expect(row?.days).toBe(e.days);
      expect(row?.sessionsPerDay).toBeCloseTo(e.n / e.days, 9);
      expect(row?.avgWatchMinutes).toBeCloseTo(e.minutes, 9);
    }
  });

  it("gives the same device mix from the daily device aggregate and from the facts", async () => {
    const expected = await wh.sql<{ device_type: string; n: number; hours: number }[]>`
      select d.device_type, count(*)::int as n, (sum(f.session_duration_sec) / 3600.0)::float8 as hours
      from fact_playback_sessions f join dim_device d using (device_key) group by 1`;
    const fromAggregate = await getDeviceMix(all, wh.db);
    // An OS filter selecting every OS forces the fact path with the same rows.
    const [{ oses }] = await wh.sql<
      { oses: string[] }[]
    >`select array_agg(distinct os_name) as oses from dim_device`;
    const fromFacts = await getDeviceMix({ ...all, os: oses }, wh.db);
    for (const rows of [fromAggregate, fromFacts]) {
      expect(rows.reduce((s, r) => s + r.sharePct, 0)).toBeCloseTo(100, 9);
      for (const e of expected) {
        const row = rows.find((r) => r.deviceType === e.device_type);
        expect(row?.sessions).toBe(e.n);
        expect(row?.watchHours).toBeCloseTo(e.hours, 6);
      }
    }
  });

  it("groups sessions by content type and genre", async () => {
    const rows = await getContentMix(all, wh.db);
    const expected = await wh.sql<{ content_type: string; genre: string; n: number }[]>`
      select c.content_type, c.genre, count(*)::int as n
      from fact_playback_sessions f join dim_content c using (content_key) group by 1, 2`;
    expect(rows).toHaveLength(expected.length);
    for (const e of expected) {
      expect(rows.find((r) => r.contentType === e.content_type && r.genre === e.genre)?.sessions).toBe(e.n);
    }
    const narrowed = await getContentMix({ ...all, country: ["JP"] }, wh.db);
    const [{ jp }] = await wh.sql<{ jp: number }[]>`
      select count(*)::int as jp from fact_playback_sessions f join dim_geography g using (geo_key)
      where g.country_code = 'JP'`;
    expect(narrowed.reduce((s, r) => s + r.sessions, 0)).toBe(jp);
  });
});
