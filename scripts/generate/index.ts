/**
 * Library API of the telemetry generator, for the ETL's and insights' tests and benchmarks:
 *
 *   const manifest = await generateFile({ sessions: 5000, end: "2025-01-31", seed: 7, out: "/tmp/t.csv" });
 *   const { csv, manifest } = await generateToBuffer({ sessions: 2000, end: "2025-01-31", dirty: 0.1 });
 *   await generateToStream({ sessions: 1e6, end: "2025-01-31" }, someWritable);
 *
 * Always pass `end` in tests: without it the range ends today and the output changes daily.
 */
export { APP_VERSIONS, type ParsedUa, UA_CATALOG, type UaEntry } from "./catalog";
export { csvField, csvLine, OUTPUT_COLUMNS } from "./csv";
export {
  DIRTY_KINDS,
  type DirtyHandling,
  type DirtyKind,
  dirtyHandling,
  EXTRA_ROW_KINDS,
  OUT_OF_RANGE_COLUMN,
  OUT_OF_RANGE_KINDS,
} from "./dirty";
export { UsageError } from "./errors";
export {
  DEFAULT_FAULTS,
  FAULT_METRICS,
  type Fault,
  type FaultMetric,
  type FaultSegment,
  loadFaultFile,
  parseFaults,
  SEGMENT_DIMENSIONS,
  type SegmentDimension,
} from "./faults";
export { generateFile, generateToBuffer, generateToStream } from "./generate";
export { GENERATOR_VERSION, type Manifest } from "./manifest";
export { DEFAULTS, defaultManifestPath, type GenerateInput, LIMITS, resolveOptions } from "./options";
