/**
 * Injected faults: the seed's three troubleshooting scenarios, and any custom ones from a JSON file,
 * all through one mechanism. A fault names a segment (one or more dimension = value pairs, all must
 * match) and changes one metric of every session in it. Faults run after the base model and before
 * rounding/clipping and dirty rows, in file order (several may hit the same session).
 *
 * Effects: `multiply` then `add` on the metric. For `rebuffering` (count and duration together)
 * `add` adds whole stalls of MEAN_STALL_MS each. For `video_start_failure` the effect works on the
 * probability that playback fails to start: `rate` replaces the base probability, then
 * `multiply`/`add` apply, and the result is clipped to 0..1.
 */
import { readFile } from "node:fs/promises";
import { z } from "zod";
import { COUNTRY_CODES, DEVICE_TYPES, ISPS, NETWORK_TYPES } from "../../db/constants";
import { KNOWN_APP_VERSIONS, KNOWN_OS_NAMES, KNOWN_OS_VERSIONS } from "./catalog";
import { formatIssues, UsageError } from "./errors";
import { CDN_POPS_PER_COUNTRY, CONTENT_ID_MAX, MEAN_STALL_MS, type Session } from "./model";

export const FAULT_METRICS = [
  "startup_time_ms",
  "rebuffer_count",
  "rebuffer_duration_ms",
  "rebuffering",
  "bitrate_kbps",
  "video_start_failure",
] as const;
export type FaultMetric = (typeof FAULT_METRICS)[number];

export const SEGMENT_DIMENSIONS = [
  "device_type",
  "os_name",
  "os_version",
  "app_version",
  "content_id",
  "country_code",
  "isp",
  "cdn_pop",
  "network_type",
] as const;
export type SegmentDimension = (typeof SEGMENT_DIMENSIONS)[number];

const asTuple = (values: readonly string[]) => values as [string, ...string[]];

const segmentSchema = z
  .strictObject({
    device_type: z.enum(DEVICE_TYPES).optional(),
    os_name: z.enum(asTuple(KNOWN_OS_NAMES)).optional(),
    os_version: z.enum(asTuple(KNOWN_OS_VERSIONS)).optional(),
    app_version: z.enum(asTuple(KNOWN_APP_VERSIONS)).optional(),
    content_id: z
      .string()
      .regex(/^content_([1-9]\d{0,2}|1000)$/, { error: `must be content_1 .. content_${CONTENT_ID_MAX}` })
      .optional(),
    country_code: z.enum(COUNTRY_CODES).optional(),
    isp: z.enum(ISPS).optional(),
    cdn_pop: z
      .string()
      .regex(new RegExp(`^(${COUNTRY_CODES.join("|")})-[1-${CDN_POPS_PER_COUNTRY}]$`), {
        error: `must be <country>-<1..${CDN_POPS_PER_COUNTRY}>, e.g. BR-2`,
      })
      .optional(),
    network_type: z.enum(NETWORK_TYPES).optional(),
  })
  .refine((segment) => Object.keys(segment).length > 0, {
    error: `needs at least one of ${SEGMENT_DIMENSIONS.join(", ")}`,
  });

const effectSchema = z
  .strictObject({
    multiply: z.number().min(0, { error: "must be >= 0" }).optional(),
    add: z.number().optional(),
    rate: z.number().min(0).max(1, { error: "is a probability, must be within 0..1" }).optional(),
  })
  .refine((effect) => Object.keys(effect).length > 0, { error: "needs at least one of multiply, add, rate" });

export const faultSchema = z
  .strictObject({
    name: z.string().trim().min(1, { error: "must be a non-empty string" }),
    segment: segmentSchema,
    metric: z.enum(FAULT_METRICS),
    effect: effectSchema,
  })
  .superRefine((fault, ctx) => {
    if (fault.effect.rate !== undefined && fault.metric !== "video_start_failure") {
      ctx.addIssue({
        code: "custom",
        path: ["effect", "rate"],
        message: `"rate" only applies to metric video_start_failure (this fault's metric is ${fault.metric})`,
      });
    }
  });

export const faultListSchema = z
  .array(faultSchema)
  .max(100, { error: "at most 100 faults" })
  .superRefine((faults, ctx) => {
    const seen = new Set<string>();
    faults.forEach((fault, i) => {
      if (seen.has(fault.name)) {
        ctx.addIssue({ code: "custom", path: [i, "name"], message: `duplicate fault name "${fault.name}"` });
      }
      seen.add(fault.name);
    });
  });

export type Fault = z.infer<typeof faultSchema>;
export type FaultSegment = Fault["segment"];

/**
 * The seed's three bugs, made identifiable by attributes (the seed picked a random 20% of iPhones
 * and never fired its ISP bug because of a case mismatch).
 */
export const DEFAULT_FAULTS: readonly Fault[] = [
  {
    name: "ios_15_3_slow_startup",
    segment: { device_type: "mobile", os_name: "iOS", os_version: "15.3" },
    metric: "startup_time_ms",
    effect: { multiply: 2 },
  },
  {
    name: "content_42_smart_tv_encoding",
    segment: { device_type: "smart_tv", content_id: "content_42" },
    metric: "rebuffering",
    effect: { multiply: 3 },
  },
  {
    name: "br_vodafone_routing",
    segment: { country_code: "BR", isp: "vodafone" },
    metric: "startup_time_ms",
    effect: { add: 1500 },
  },
];

/** Validates a parsed JSON value as a fault list; throws UsageError naming each bad field. */
export function parseFaults(value: unknown, source: string): Fault[] {
  const result = faultListSchema.safeParse(value);
  if (!result.success) {
    const details = formatIssues(result.error, (path) => `  ${source}${path ? ` ${path}` : ""}`);
    throw new UsageError(`invalid fault file:\n${details}`);
  }
  return result.data;
}

export async function loadFaultFile(path: string): Promise<Fault[]> {
  let text: string;
  try {
    text = await readFile(path, "utf8");
  } catch (error) {
    throw new UsageError(`cannot read fault file ${path}: ${(error as NodeJS.ErrnoException).code ?? error}`);
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    throw new UsageError(`fault file ${path} is not valid JSON: ${(error as Error).message}`);
  }
  return parseFaults(json, path);
}

/** The value a session has for a segment dimension (parsed UA names for os_name/os_version). */
export function sessionDimension(s: Session, dim: SegmentDimension): string | undefined {
  switch (dim) {
    case "device_type":
      return s.deviceType;
    case "os_name":
      return s.ua.os.name;
    case "os_version":
      return s.ua.os.version;
    case "app_version":
      return s.appVersion;
    case "content_id":
      return s.contentId;
    case "country_code":
      return s.countryCode;
    case "isp":
      return s.isp;
    case "cdn_pop":
      return s.cdnPop;
    case "network_type":
      return s.networkType;
  }
}

export function segmentMatches(segment: FaultSegment, s: Session): boolean {
  for (const dim of SEGMENT_DIMENSIONS) {
    const wanted = segment[dim];
    if (wanted !== undefined && sessionDimension(s, dim) !== wanted) return false;
  }
  return true;
}

/** A fault with its segment flattened to [dimension, value] pairs, for the per-session hot path. */
interface CompiledFault {
  fault: Fault;
  conditions: Array<readonly [SegmentDimension, string]>;
}

const compiledCache = new WeakMap<readonly Fault[], CompiledFault[]>();

function compile(faults: readonly Fault[]): CompiledFault[] {
  let compiled = compiledCache.get(faults);
  if (!compiled) {
    compiled = faults.map((fault) => ({
      fault,
      conditions: SEGMENT_DIMENSIONS.flatMap((dim) => {
        const wanted = fault.segment[dim];
        return wanted === undefined ? [] : [[dim, wanted] as const];
      }),
    }));
    compiledCache.set(faults, compiled);
  }
  return compiled;
}

function transform(value: number, effect: Fault["effect"]): number {
  return value * (effect.multiply ?? 1) + (effect.add ?? 0);
}

/** Applies one fault's effect to a session already known to be in its segment. */
export function applyEffect(fault: Fault, s: Session): void {
  const { effect } = fault;
  switch (fault.metric) {
    case "startup_time_ms":
      s.startupMs = transform(s.startupMs, effect);
      break;
    case "rebuffer_count":
      s.rebufferCount = transform(s.rebufferCount, effect);
      break;
    case "rebuffer_duration_ms":
      s.rebufferDurationMs = transform(s.rebufferDurationMs, effect);
      break;
    case "rebuffering":
      s.rebufferCount = transform(s.rebufferCount, effect);
      s.rebufferDurationMs =
        s.rebufferDurationMs * (effect.multiply ?? 1) + (effect.add ?? 0) * MEAN_STALL_MS;
      break;
    case "bitrate_kbps":
      s.bitrateKbps = transform(s.bitrateKbps, effect);
      break;
    case "video_start_failure":
      s.startFailureRate = transform(effect.rate ?? s.startFailureRate, effect);
      break;
  }
}

/**
 * Applies every matching fault in order. When `affected` is given, affected[i] counts the sessions
 * faults[i] hit (the manifest's affected_sessions).
 */
export function applyFaults(faults: readonly Fault[], s: Session, affected?: Float64Array): void {
  const compiled = compile(faults);
  for (let i = 0; i < compiled.length; i++) {
    const { fault, conditions } = compiled[i]!;
    let match = true;
    for (const [dim, wanted] of conditions) {
      if (sessionDimension(s, dim) !== wanted) {
        match = false;
        break;
      }
    }
    if (match) {
      applyEffect(fault, s);
      if (affected) affected[i]! += 1;
    }
  }
}
