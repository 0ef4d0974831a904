/**
 * The session model: one viewing session's telemetry, drawn exactly as SPEC.md section 3 describes
 * (the seed generator's distributions), plus playback-failure columns the seed did not have.
 *
 * Every session consumes the same random draws whatever faults are configured: faults only
 * transform the drawn values (see faults.ts), and the start-failure and error outcomes are decided
 * from uniforms drawn here. So `--faults none` and `--faults default` differ only where a fault hits.
 */
import {
  CLIP_RANGES,
  COUNTRY_CODES,
  type CountryCode,
  type DeviceType,
  ISPS,
  type Isp,
  NETWORK_TYPES,
  type NetworkType,
  type Resolution,
} from "../../db/constants";
import { APP_VERSIONS, UA_CATALOG, type UaEntry } from "./catalog";
import { type Rng, WeightedTable } from "./prng";

export const DEVICE_MIX: ReadonlyArray<readonly [DeviceType, number]> = [
  ["smart_tv", 45],
  ["mobile", 30],
  ["web", 15],
  ["tablet", 10],
];

export const STARTUP_BASE_MS: Record<DeviceType, number> = {
  smart_tv: 2000,
  mobile: 1200,
  web: 1500,
  tablet: 1300,
};
export const STARTUP_NETWORK_MULTIPLIER: Record<NetworkType, number> = {
  ethernet: 0.7,
  wifi: 1.0,
  cellular_5g: 1.2,
  cellular_4g: 1.8,
};
export const STARTUP_FLOOR_MS = 100;

export const REBUFFERS_PER_MINUTE: Record<NetworkType, number> = {
  ethernet: 0.01,
  wifi: 0.05,
  cellular_5g: 0.1,
  cellular_4g: 0.25,
};
export const STALL_MS_RANGE = [1000, 5000] as const;
/** Mean of STALL_MS_RANGE, used when a fault adds whole stalls. */
export const MEAN_STALL_MS = 3000;

/** Resolution tiers each network can deliver, with the bitrate range (kbps) of each tier. */
export const BITRATE_TIERS: Record<NetworkType, ReadonlyArray<readonly [Resolution, number, number]>> = {
  ethernet: [
    ["4K", 20000, 25000],
    ["1080p", 5000, 8000],
    ["720p", 2500, 4000],
    ["480p", 1000, 2000],
  ],
  wifi: [
    ["4K", 18000, 23000],
    ["1080p", 4500, 7000],
    ["720p", 2000, 3500],
    ["480p", 800, 1500],
  ],
  cellular_5g: [
    ["1080p", 4000, 6000],
    ["720p", 2000, 3000],
    ["480p", 800, 1200],
  ],
  cellular_4g: [
    ["720p", 1500, 2500],
    ["480p", 500, 1000],
  ],
};

export const FRAME_DROP_FACTOR: Record<DeviceType, number> = {
  smart_tv: 1.5,
  web: 1.2,
  mobile: 1.0,
  tablet: 1.0,
};

export const SESSION_DURATION_SEC_RANGE = [300, 7200] as const;

/**
 * Probability that playback never starts (not in the seed). Industry video-start-failure rates sit
 * around 0.5-1%, worse on congested mobile networks.
 */
export const START_FAILURE_RATE: Record<NetworkType, number> = {
  ethernet: 0.004,
  wifi: 0.006,
  cellular_5g: 0.008,
  cellular_4g: 0.018,
};
/** Playback errors: every start failure, plus mid-stream errors that grow with stalls. */
export const ERROR_BASE_RATE = 0.004;
export const ERROR_RATE_PER_STALL = 0.002;
export const ERROR_STALLS_CAP = 25;

export const USER_ID_MAX = 1_000_000;
export const CONTENT_ID_MAX = 1000;
export const CDN_POPS_PER_COUNTRY = 5;

/** A timestamp slot handed out by the timeline. */
export interface TimeSlot {
  timestamp: string;
  hour: number;
  dayOfWeek: number;
}

/** One session. Numeric fields stay unrounded floats until finalizeSession (faults work on them). */
export interface Session extends TimeSlot {
  sessionId: string;
  userId: string;
  deviceType: DeviceType;
  ua: UaEntry;
  appVersion: string;
  contentId: string;
  startupMs: number;
  rebufferCount: number;
  rebufferDurationMs: number;
  bitrateKbps: number;
  resolution: Resolution;
  framesDropped: number;
  sessionDurationSec: number;
  networkType: NetworkType;
  countryCode: CountryCode;
  isp: Isp;
  cdnPop: string;
  /** Probability of a start failure; faults on video_start_failure change it. */
  startFailureRate: number;
  startFailureDraw: number;
  errorDraw: number;
  videoStartFailure: 0 | 1;
  errorOccurred: 0 | 1;
}

const deviceTable = new WeightedTable(DEVICE_MIX);
const uaTables = Object.fromEntries(
  Object.entries(UA_CATALOG).map(([device, entries]) => [
    device,
    new WeightedTable(entries.map((e) => [e, e.weight] as const)),
  ]),
) as Record<DeviceType, WeightedTable<UaEntry>>;
const appVersionTables = Object.fromEntries(
  Object.entries(APP_VERSIONS).map(([device, list]) => [device, new WeightedTable(list)]),
) as Record<DeviceType, WeightedTable<string>>;

/** Draws one session from the base model (no faults, not yet rounded or clipped). */
export function sampleSession(rng: Rng, slot: TimeSlot): Session {
  const sessionId = rng.uuid();
  const userId = `user_${rng.int(1, USER_ID_MAX)}`;
  const deviceType = deviceTable.pick(rng);
  const ua = uaTables[deviceType].pick(rng);
  const appVersion = appVersionTables[deviceType].pick(rng);
  const contentId = `content_${rng.int(1, CONTENT_ID_MAX)}`;
  const networkType = rng.pick(NETWORK_TYPES);
  const countryCode = rng.pick(COUNTRY_CODES);
  const isp = rng.pick(ISPS);
  const cdnPop = `${countryCode}-${rng.int(1, CDN_POPS_PER_COUNTRY)}`;
  const sessionDurationSec = rng.int(SESSION_DURATION_SEC_RANGE[0], SESSION_DURATION_SEC_RANGE[1]);

  const base = STARTUP_BASE_MS[deviceType];
  const startupMs = Math.max(
    STARTUP_FLOOR_MS,
    rng.normal(base * STARTUP_NETWORK_MULTIPLIER[networkType], 0.3 * base),
  );

  const rebufferCount = rng.poisson(REBUFFERS_PER_MINUTE[networkType] * (sessionDurationSec / 60));
  let rebufferDurationMs = 0;
  for (let i = 0; i < rebufferCount; i++) rebufferDurationMs += rng.int(STALL_MS_RANGE[0], STALL_MS_RANGE[1]);

  const [resolution, minKbps, maxKbps] = rng.pick(BITRATE_TIERS[networkType]);
  const bitrateKbps = rng.int(minKbps, maxKbps);
  const framesDropped = rng.poisson(rebufferCount * 10 * FRAME_DROP_FACTOR[deviceType]);

  // A plain literal with every field spelled out (no spread): V8 then gives all sessions one fast
  // object shape; spreading `slot` here made each session a slow dictionary object.
  return {
    timestamp: slot.timestamp,
    hour: slot.hour,
    dayOfWeek: slot.dayOfWeek,
    sessionId,
    userId,
    deviceType,
    ua,
    appVersion,
    contentId,
    startupMs,
    rebufferCount,
    rebufferDurationMs,
    bitrateKbps,
    resolution,
    framesDropped,
    sessionDurationSec,
    networkType,
    countryCode,
    isp,
    cdnPop,
    startFailureRate: START_FAILURE_RATE[networkType],
    startFailureDraw: rng.uniform(),
    errorDraw: rng.uniform(),
    videoStartFailure: 0,
    errorOccurred: 0,
  };
}

function clamp(value: number, lo: number, hi: number): number {
  return Math.min(Math.max(value, lo), hi);
}

/**
 * Rounds and clips a session (after faults) so every clean row is already inside the ETL's
 * validation ranges: the ETL must load clean rows unchanged. Then decides failure/error outcomes.
 */
export function finalizeSession(s: Session): void {
  s.startupMs = clamp(Math.round(s.startupMs), STARTUP_FLOOR_MS, CLIP_RANGES.startup_time_ms[1]);
  s.rebufferCount = clamp(Math.round(s.rebufferCount), 0, CLIP_RANGES.rebuffer_count[1]);
  const maxStallMs = Math.min(CLIP_RANGES.rebuffer_duration_ms[1], s.sessionDurationSec * 1000);
  s.rebufferDurationMs = clamp(Math.round(s.rebufferDurationMs), 0, maxStallMs);
  // The ETL "repairs" stalls with zero duration (2 s each); never emit that case in clean rows.
  if (s.rebufferCount > 0 && s.rebufferDurationMs === 0) {
    s.rebufferDurationMs = Math.min(2000 * s.rebufferCount, maxStallMs);
  }
  s.bitrateKbps = clamp(Math.round(s.bitrateKbps), CLIP_RANGES.bitrate_kbps[0], CLIP_RANGES.bitrate_kbps[1]);
  s.framesDropped = clamp(Math.round(s.framesDropped), 0, CLIP_RANGES.frames_dropped[1]);

  const failed = s.startFailureDraw < clamp(s.startFailureRate, 0, 1);
  const errorRate = ERROR_BASE_RATE + ERROR_RATE_PER_STALL * Math.min(s.rebufferCount, ERROR_STALLS_CAP);
  s.videoStartFailure = failed ? 1 : 0;
  s.errorOccurred = failed || s.errorDraw < errorRate ? 1 : 0;
}
