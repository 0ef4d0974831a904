/**
 * Allowed values and business rules shared by the generator, the ETL, the schema, the API
 * validators and the dashboard. One place, so a new country or device type is one edit.
 */

export const DEVICE_TYPES = ["smart_tv", "mobile", "web", "tablet"] as const;
export type DeviceType = (typeof DEVICE_TYPES)[number];

export const NETWORK_TYPES = ["wifi", "cellular_5g", "cellular_4g", "ethernet"] as const;
export type NetworkType = (typeof NETWORK_TYPES)[number];

export const COUNTRY_CODES = ["US", "BR", "IN", "GB", "FR", "DE", "MX", "JP", "KR"] as const;
export type CountryCode = (typeof COUNTRY_CODES)[number];

export const ISPS = ["comcast", "verizon", "att", "charter", "cox", "vodafone", "bt", "orange"] as const;
export type Isp = (typeof ISPS)[number];

export const RESOLUTIONS = ["4K", "1080p", "720p", "480p"] as const;
export type Resolution = (typeof RESOLUTIONS)[number];

/** The seed's 20 CSV columns, in file order. Extension columns may follow them. */
export const SEED_COLUMNS = [
  "session_id",
  "user_id",
  "timestamp",
  "device_type",
  "os_version",
  "app_version",
  "content_id",
  "startup_time_ms",
  "rebuffer_count",
  "rebuffer_duration_ms",
  "bitrate_kbps",
  "resolution",
  "frames_dropped",
  "session_duration_sec",
  "network_type",
  "country_code",
  "isp",
  "cdn_pop",
  "hour",
  "day_of_week",
] as const;

/** Columns our generator appends after the seed's 20; the ETL accepts files with or without them. */
export const EXTENSION_COLUMNS = ["video_start_failure", "error_occurred"] as const;

export const COUNTRY_INFO: Record<
  CountryCode,
  { name: string; region: string; timezoneGroup: string; marketMaturity: string }
> = {
  US: { name: "United States", region: "North America", timezoneGroup: "Americas", marketMaturity: "mature" },
  MX: { name: "Mexico", region: "North America", timezoneGroup: "Americas", marketMaturity: "growing" },
  BR: { name: "Brazil", region: "South America", timezoneGroup: "Americas", marketMaturity: "growing" },
  GB: { name: "United Kingdom", region: "Europe", timezoneGroup: "EMEA", marketMaturity: "mature" },
  FR: { name: "France", region: "Europe", timezoneGroup: "EMEA", marketMaturity: "mature" },
  DE: { name: "Germany", region: "Europe", timezoneGroup: "EMEA", marketMaturity: "mature" },
  IN: { name: "India", region: "Asia", timezoneGroup: "APAC", marketMaturity: "emerging" },
  JP: { name: "Japan", region: "Asia", timezoneGroup: "APAC", marketMaturity: "mature" },
  KR: { name: "South Korea", region: "Asia", timezoneGroup: "APAC", marketMaturity: "mature" },
};

/** ISO 3166-1 alpha-3, for Plotly's choropleth map. */
export const COUNTRY_ISO3: Record<CountryCode, string> = {
  US: "USA",
  MX: "MEX",
  BR: "BRA",
  GB: "GBR",
  FR: "FRA",
  DE: "DEU",
  IN: "IND",
  JP: "JPN",
  KR: "KOR",
};

export const DEVICE_FAMILY: Record<DeviceType, { family: string; screenSize: string }> = {
  smart_tv: { family: "TV", screenSize: "large" },
  mobile: { family: "Mobile", screenSize: "small" },
  tablet: { family: "Mobile", screenSize: "medium" },
  web: { family: "Desktop", screenSize: "medium" },
};

export const STARTUP_CATEGORIES = ["excellent", "good", "fair", "poor"] as const;
export const SESSION_QUALITIES = ["excellent", "good", "fair", "poor"] as const;
export const BUFFERING_SEVERITIES = ["none", "minor", "moderate", "severe"] as const;
export const NETWORK_QUALITIES = ["excellent", "good", "fair", "poor"] as const;
export const TIMES_OF_DAY = ["morning", "afternoon", "evening", "night"] as const;

/** Dashboard targets from the seed's executive page (SPEC.md section 7). */
export const TARGETS = {
  qoeScoreMin: 85,
  startupMsMax: 2000,
  rebufferRatioMax: 2,
  poorSessionPctMax: 5,
} as const;

/** Seed's resolution/bitrate consistency ranges (kbps), used to flag mismatches. */
export const RESOLUTION_BITRATE_RANGE: Record<Resolution, [number, number]> = {
  "4K": [15000, 50000],
  "1080p": [3000, 10000],
  "720p": [1500, 4000],
  "480p": [100, 2000],
};

/** Seed's clipping ranges applied during validation (SPEC.md section 6). */
export const CLIP_RANGES = {
  startup_time_ms: [100, 30000],
  rebuffer_count: [0, 100],
  rebuffer_duration_ms: [0, 600000],
  bitrate_kbps: [100, 50000],
  frames_dropped: [0, 10000],
  session_duration_sec: [1, 14400],
} as const;

/**
 * Bucket widths of the cube's histograms (db/cube/): percentiles the dashboard reads from the
 * cube are within one bucket of the exact percentile_cont over the facts.
 */
export const CUBE_BUCKETS = { startupMs: 50, bitrateKbps: 250 } as const;
