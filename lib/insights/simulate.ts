import { metric } from "../../db/metrics";
import { applyFaults, DEFAULT_FAULTS, type Fault } from "../../scripts/generate/faults";
import { finalizeSession, sampleSession } from "../../scripts/generate/model";
import { Rng } from "../../scripts/generate/prng";
import { DEFAULT_BASELINE_DIMENSIONS } from "./baseline";
import { analyze, DEFAULT_ENGINE_OPTIONS, type EngineOptions, type EngineResult, fitModels } from "./engine";
import { cellsInMemory, type SessionRow, segmentsInMemory } from "./inMemory";

/**
 * Test helper: sessions drawn from the real generator model (scripts/generate) with its fault
 * mechanism, analysed by the engine without a database (inMemory.ts stands in for the database passes).
 */

export function simulateSessions(
  count: number,
  seed: number,
  faults: readonly Fault[] | "default" | "none",
): SessionRow[] {
  const list = faults === "default" ? DEFAULT_FAULTS : faults === "none" ? [] : faults;
  const rng = new Rng(seed, 2);
  const rows: SessionRow[] = [];
  for (let i = 0; i < count; i++) {
    const s = sampleSession(rng, { timestamp: "2026-01-01 00:00:00.000000", hour: 0, dayOfWeek: 0 });
    applyFaults(list, s);
    finalizeSession(s);
    rows.push({
      dims: {
        device_type: s.deviceType,
        os_name: s.ua.os.name,
        os_version: `${s.ua.os.name} ${s.ua.os.version ?? "unknown"}`,
        app_version: s.appVersion,
        content_id: s.contentId,
        country_code: s.countryCode,
        isp: s.isp,
        cdn_pop: s.cdnPop,
        network_type: s.networkType,
      },
      minutes: s.sessionDurationSec / 60,
      stallMs: s.rebufferDurationMs,
      values: {
        startup_time_ms: s.startupMs,
        rebuffer_ratio: metric.rebufferRatio(s.rebufferDurationMs, s.sessionDurationSec),
        rebuffer_count: s.rebufferCount,
        bitrate_kbps: s.bitrateKbps,
        video_start_failure_rate: s.videoStartFailure,
      },
    });
  }
  return rows;
}

export function analyzeSessions(
  rows: readonly SessionRow[],
  options: Partial<EngineOptions> = {},
): EngineResult {
  const engine = { ...DEFAULT_ENGINE_OPTIONS, ...options };
  const baseline = DEFAULT_BASELINE_DIMENSIONS;
  const cells = cellsInMemory(rows, baseline);
  const models = fitModels(cells, baseline, engine.metrics);
  const segments = segmentsInMemory(rows, models, baseline, engine.minSupport);
  return analyze(
    {
      cells,
      models,
      segments,
      incompletePairs: (a, b) => a !== b && (a === "content_id" || b === "content_id"),
    },
    engine,
  );
}
