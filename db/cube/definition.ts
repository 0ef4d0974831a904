import { createHash } from "node:crypto";
import { FILTER_KEYS } from "../../lib/filters";
import {
  BUFFERING_SEVERITIES,
  CLIP_RANGES,
  CUBE_BUCKETS,
  RESOLUTIONS,
  SESSION_QUALITIES,
  STARTUP_CATEGORIES,
} from "../constants";
import { QUALITY_SCORE_BANDS, QUALITY_SCORE_FLOOR } from "../metrics";

/**
 * The cube (table agg_cube): additive sums of every dashboard measure at several grains (sets of
 * dimensions per day), plus sparse fixed-width histograms of startup time and bitrate, so
 * filtered questions are answered from a few thousand rows instead of the facts. One module
 * defines it; the schema, the ETL refresh and the query layer all read this definition.
 *
 * Percentiles read from a histogram are approximate: within one bucket width (50 ms for startup,
 * 250 kbps for bitrate) of percentile_cont over the facts, usually much closer (see
 * db/cube/quantiles.ts). Histogram *bins* of the dashboards are exact (their widths are multiples
 * of the bucket width).
 */

/** Dimensions a grain can hold: the hour of day and the filter keys (lib/filters.ts). */
export const CUBE_DIMENSIONS = ["hour", ...FILTER_KEYS] as const;
export type CubeDimension = (typeof CUBE_DIMENSIONS)[number];

/** The cube's dimension columns, in table order, each with its source column in the ETL projection. */
export const CUBE_DIMENSION_COLUMNS = [
  "hour",
  "device_type",
  "os_name",
  "os_version",
  "app_version",
  "country_code",
  "isp",
  "cdn_pop",
  "network_type",
  "content_id",
] as const;
export type CubeDimensionColumn = (typeof CUBE_DIMENSION_COLUMNS)[number];

/** Columns a dimension needs (an OS version is only meaningful with its OS name). */
export const DIMENSION_COLUMNS: Record<CubeDimension, readonly CubeDimensionColumn[]> = {
  hour: ["hour"],
  device: ["device_type"],
  os: ["os_name"],
  osVersion: ["os_name", "os_version"],
  app: ["app_version"],
  country: ["country_code"],
  isp: ["isp"],
  pop: ["cdn_pop"],
  network: ["network_type"],
  content: ["content_id"],
};

/** Startup-time histogram bucket (ms) and bitrate histogram bucket (kbps). */
export const STARTUP_BUCKET_MS = CUBE_BUCKETS.startupMs;
export const BITRATE_BUCKET_KBPS = CUBE_BUCKETS.bitrateKbps;

export type CubeGrain = {
  name: string;
  dims: readonly CubeDimension[];
  /** Grain whose sums it is rolled up from in the ETL (cheaper than the facts); null = from the facts. */
  from: string | null;
  /** Typical rows per day at 1M sessions / 30 days (measured); routing reads the smallest grain that answers. */
  rowsPerDay: number;
  /**
   * Histograms the grain carries (percentiles and distributions need them). They are the costly
   * part to build, so only grains that percentile questions use carry them.
   */
  histograms: readonly CubeHistogramName[];
  /** Grain whose histograms it is rolled up from; null = from the facts. */
  histogramsFrom?: string | null;
  /** Built only to roll other grains up from; not stored (no query needs it). */
  internal?: boolean;
};

const BOTH = ["startup", "bitrate"] as const;
const STARTUP = ["startup"] as const;
const NONE = [] as const;

/**
 * Grains, each after the grains it is rolled up from. Sums and histograms add up exactly, so a
 * rolled-up grain equals a GROUP BY over the facts.
 *
 * Families (each answers a page's breakdowns under the filters analysts combine with them):
 * hour of day x device / country / network (startup histograms for the hourly startup trend),
 * hour x OS / app version and hour x country x ISP; device x country x network; device
 * versions x network and x country; geography (country x ISP x PoP) x device and x network, with
 * both histograms; content. Each root costs the ETL's aggregate stage a cell lookup per session,
 * and every grain its rows' writes (at small loads the finest grains hold nearly a row per session).
 * Internal grains are wide roots that stored grains roll up from, never stored.
 */
export const CUBE_GRAINS: readonly CubeGrain[] = [
  // Roots from the facts.
  {
    name: "hdcn",
    dims: ["hour", "device", "country", "network"],
    from: null,
    rowsPerDay: 3260,
    histograms: NONE,
    internal: true,
  },
  {
    name: "devn",
    dims: ["device", "osVersion", "app", "network"],
    from: null,
    rowsPerDay: 743,
    histograms: BOTH,
    histogramsFrom: null,
  },
  {
    name: "devc",
    dims: ["device", "osVersion", "app", "country"],
    from: null,
    rowsPerDay: 1650,
    histograms: STARTUP,
    histogramsFrom: null,
  },
  {
    name: "gd",
    dims: ["country", "isp", "pop", "device"],
    from: null,
    rowsPerDay: 1439,
    histograms: BOTH,
    histogramsFrom: null,
  },
  {
    name: "gn",
    dims: ["country", "isp", "pop", "network"],
    from: null,
    rowsPerDay: 1440,
    histograms: BOTH,
    histogramsFrom: null,
  },
  {
    name: "hov",
    dims: ["hour", "device", "osVersion"],
    from: null,
    rowsPerDay: 946,
    histograms: STARTUP,
    histogramsFrom: null,
  },
  {
    name: "ha",
    dims: ["hour", "device", "app"],
    from: null,
    rowsPerDay: 430,
    histograms: STARTUP,
    histogramsFrom: null,
  },
  // Hour of day inside one ISP of one country (the country page's ISP drill-down).
  {
    name: "hci",
    dims: ["hour", "country", "isp"],
    from: null,
    rowsPerDay: 1718,
    histograms: STARTUP,
    histogramsFrom: null,
  },
  { name: "content", dims: ["content"], from: null, rowsPerDay: 1000, histograms: NONE },
  // Hour of day: startup histograms on hour x device x country and hour x network (rolled up to
  // every hour grain below them) for the hourly startup trend; the roots above carry their own
  // for the trend under an OS version, app version or ISP.
  {
    name: "hdc",
    dims: ["hour", "device", "country"],
    from: "hdcn",
    rowsPerDay: 864,
    histograms: STARTUP,
    histogramsFrom: null,
  },
  {
    name: "hdn",
    dims: ["hour", "device", "network"],
    from: "hdcn",
    rowsPerDay: 384,
    histograms: NONE,
  },
  {
    name: "hc",
    dims: ["hour", "country"],
    from: "hdc",
    rowsPerDay: 216,
    histograms: STARTUP,
    histogramsFrom: "hdc",
  },
  {
    name: "hn",
    dims: ["hour", "network"],
    from: "hdn",
    rowsPerDay: 96,
    histograms: STARTUP,
    histogramsFrom: null,
  },
  {
    name: "hd",
    dims: ["hour", "device"],
    from: "hdc",
    rowsPerDay: 96,
    histograms: STARTUP,
    histogramsFrom: "hdc",
  },
  { name: "h", dims: ["hour"], from: "hd", rowsPerDay: 24, histograms: STARTUP, histogramsFrom: "hd" },
  // Device x country x network and everything below it, with both histograms.
  {
    name: "dcn",
    dims: ["device", "country", "network"],
    from: "hdcn",
    rowsPerDay: 144,
    histograms: BOTH,
    histogramsFrom: null,
  },
  {
    name: "dc",
    dims: ["device", "country"],
    from: "dcn",
    rowsPerDay: 36,
    histograms: BOTH,
    histogramsFrom: "dcn",
  },
  {
    name: "dn",
    dims: ["device", "network"],
    from: "dcn",
    rowsPerDay: 16,
    histograms: BOTH,
    histogramsFrom: "dcn",
  },
  {
    name: "cn",
    dims: ["country", "network"],
    from: "dcn",
    rowsPerDay: 36,
    histograms: BOTH,
    histogramsFrom: "dcn",
  },
  { name: "d", dims: ["device"], from: "dc", rowsPerDay: 4, histograms: BOTH, histogramsFrom: "dc" },
  { name: "c", dims: ["country"], from: "dc", rowsPerDay: 9, histograms: BOTH, histogramsFrom: "dc" },
  { name: "n", dims: ["network"], from: "dn", rowsPerDay: 4, histograms: BOTH, histogramsFrom: "dn" },
  { name: "day", dims: [], from: "d", rowsPerDay: 1, histograms: BOTH, histogramsFrom: "d" },
  // Device versions (the device detail page). Their histograms come from the facts: rolling them
  // up from devn would cost more (it is several times larger), so OS/app x network percentiles
  // are read from the facts.
  {
    name: "dev",
    dims: ["device", "osVersion", "app"],
    from: "devn",
    rowsPerDay: 186,
    histograms: BOTH,
    histogramsFrom: "devn",
  },
  {
    name: "dov",
    dims: ["device", "osVersion"],
    from: "dev",
    rowsPerDay: 40,
    histograms: BOTH,
    histogramsFrom: "dev",
  },
  {
    name: "da",
    dims: ["device", "app"],
    from: "dev",
    rowsPerDay: 18,
    histograms: BOTH,
    histogramsFrom: "dev",
  },
  // Geography (the country detail page): ISP x PoP cells by device and by network (gd, gn above,
  // with both histograms, so the ISP / PoP tables under a device or network filter, and device or
  // network breakdowns inside one ISP, read the cube), then geography alone. ISP and PoP
  // histograms of ci / cp come from the sessions (one lookup each instead of rolling up dense
  // bitrate histograms through geo).
  {
    name: "geo",
    dims: ["country", "isp", "pop"],
    from: "gd",
    rowsPerDay: 360,
    histograms: STARTUP,
    histogramsFrom: "gd",
  },
  {
    name: "ci",
    dims: ["country", "isp"],
    from: "geo",
    rowsPerDay: 72,
    histograms: BOTH,
    histogramsFrom: null,
  },
  {
    name: "cp",
    dims: ["country", "pop"],
    from: "geo",
    rowsPerDay: 45,
    histograms: BOTH,
    histogramsFrom: null,
  },
];

/** Grains stored in agg_cube (the others exist only while the ETL builds the cube). */
export const STORED_GRAINS: readonly CubeGrain[] = CUBE_GRAINS.filter((g) => !g.internal);

export function grainColumns(grain: CubeGrain): CubeDimensionColumn[] {
  const wanted = new Set(grain.dims.flatMap((d) => DIMENSION_COLUMNS[d]));
  return CUBE_DIMENSION_COLUMNS.filter((c) => wanted.has(c));
}

/** Does the grain hold a dimension (directly, or as the OS name inside an OS version)? */
export function grainHas(grain: CubeGrain, dim: CubeDimension): boolean {
  return DIMENSION_COLUMNS[dim].every((c) => grainColumns(grain).includes(c));
}

// ---------------------------------------------------------------------------------------------
// Measures: additive columns, each the sum over a cell's sessions of one value per session.

/**
 * One session as the cube builder reads it from the facts (db/cube/refresh.ts). Categorical
 * columns arrive as their position in the constants' value lists (0-based; -1 if unknown).
 */
export type CubeFact = {
  startupMs: number;
  rebufferRatio: number;
  rebufferCount: number;
  rebufferMs: number;
  bitrateKbps: number;
  qoe: number;
  qualityScore: number;
  watchSec: number;
  /** 1 if the video failed to start, else 0. */
  failure: number;
  sessionQuality: number;
  severity: number;
  startupCategory: number;
  resolution: number;
};

export type CubeMeasure = {
  column: string;
  type: "int" | "float";
  value: (s: CubeFact) => number;
  /** What the measure sums, for CUBE_VERSION. */
  source: string;
};

const slug = (value: string | number) =>
  String(value)
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "");
const count = (column: string, when: (s: CubeFact) => boolean): CubeMeasure => ({
  column,
  type: "int",
  value: (s) => (when(s) ? 1 : 0),
  source: `count ${when.toString()}`,
});
const total = (column: string, value: (s: CubeFact) => number): CubeMeasure => ({
  column,
  type: "float",
  value,
  source: value.toString(),
});

export const QUALITY_SCORE_VALUES: readonly number[] = [
  ...QUALITY_SCORE_BANDS.map((b) => b.value),
  QUALITY_SCORE_FLOOR,
];

export const cubeColumn = {
  qualitySessions: (tier: string) => `quality_${slug(tier)}_sessions`,
  qualityWatchSec: (tier: string) => `quality_${slug(tier)}_watch_sec`,
  qualityQoeSum: (tier: string) => `quality_${slug(tier)}_qoe_sum`,
  severitySessions: (severity: string) => `severity_${slug(severity)}_sessions`,
  startupSessions: (category: string) => `startup_${slug(category)}_sessions`,
  resolutionSessions: (resolution: string) => `resolution_${slug(resolution)}_sessions`,
  scoreSessions: (score: number) => `score_${score}_sessions`,
} as const;

export const CUBE_MEASURES: readonly CubeMeasure[] = [
  count("sessions", () => true),
  total("startup_ms_sum", (s) => s.startupMs),
  total("rebuffer_ratio_sum", (s) => s.rebufferRatio),
  total("rebuffer_count_sum", (s) => s.rebufferCount),
  total("rebuffer_ms_sum", (s) => s.rebufferMs),
  count("stalled_sessions", (s) => s.rebufferCount > 0),
  total("bitrate_sum", (s) => s.bitrateKbps),
  total("qoe_sum", (s) => s.qoe),
  total("quality_score_sum", (s) => s.qualityScore),
  total("watch_sec_sum", (s) => s.watchSec),
  count("failures", (s) => s.failure === 1),
  ...SESSION_QUALITIES.flatMap((q, i) => [
    count(cubeColumn.qualitySessions(q), (s) => s.sessionQuality === i),
    total(cubeColumn.qualityWatchSec(q), (s) => (s.sessionQuality === i ? s.watchSec : 0)),
    total(cubeColumn.qualityQoeSum(q), (s) => (s.sessionQuality === i ? s.qoe : 0)),
  ]),
  ...BUFFERING_SEVERITIES.map((v, i) => count(cubeColumn.severitySessions(v), (s) => s.severity === i)),
  ...STARTUP_CATEGORIES.map((v, i) => count(cubeColumn.startupSessions(v), (s) => s.startupCategory === i)),
  ...RESOLUTIONS.map((v, i) => count(cubeColumn.resolutionSessions(v), (s) => s.resolution === i)),
  ...QUALITY_SCORE_VALUES.map((v) => count(cubeColumn.scoreSessions(v), (s) => s.qualityScore === v)),
];

/**
 * Histograms: sparse (bucket, sessions) arrays, buckets ascending; bucket = floor(value / width).
 * Values never exceed `max` (the ETL clips them, CLIP_RANGES).
 */
export const CUBE_HISTOGRAMS = [
  {
    name: "startup",
    bins: "startup_bins",
    counts: "startup_counts",
    value: (s: CubeFact) => s.startupMs,
    max: CLIP_RANGES.startup_time_ms[1],
    width: STARTUP_BUCKET_MS,
  },
  {
    name: "bitrate",
    bins: "bitrate_bins",
    counts: "bitrate_counts",
    value: (s: CubeFact) => s.bitrateKbps,
    max: CLIP_RANGES.bitrate_kbps[1],
    width: BITRATE_BUCKET_KBPS,
  },
] as const;
export type CubeHistogram = (typeof CUBE_HISTOGRAMS)[number];
export type CubeHistogramName = CubeHistogram["name"];

/**
 * Changes whenever the definition does; a database whose cube was built from another definition
 * is rebuilt by the migration step (db/cube/sync.ts).
 */
export const CUBE_VERSION = createHash("sha1")
  .update(
    [
      CUBE_GRAINS.map(
        (g) =>
          `${g.name}:${g.dims.join("+")}<${g.from ?? "facts"}#${g.histograms.join("+")}<${g.histogramsFrom ?? "facts"}${g.internal ? "!" : ""}`,
      ).join(","),
      CUBE_MEASURES.map((m) => `${m.column}=${m.source}`).join(","),
      CUBE_HISTOGRAMS.map((h) => `${h.name}/${h.width}`).join(","),
    ].join("|"),
  )
  .digest("hex")
  .slice(0, 16);
