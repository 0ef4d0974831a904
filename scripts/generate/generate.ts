/**
 * Orchestration: timeline -> session model -> faults -> rounding/clipping -> dirty rows -> CSV,
 * streamed to a Writable in chunks with backpressure, counting everything for the manifest.
 * Memory stays flat whatever the session count: only one hour bucket of instants and a small ring
 * of recent lines (for duplicates) are held.
 */
import { createWriteStream, existsSync } from "node:fs";
import { mkdir, rename, rm, stat, writeFile } from "node:fs/promises";
import path from "node:path";
import { PassThrough, type Writable } from "node:stream";
import { finished, pipeline } from "node:stream/promises";
import { createGzip } from "node:zlib";
import { csvLine, HEADER_LINE, OUTPUT_COLUMNS, sessionFields, sessionLine } from "./csv";
import { applyOutOfRange, brokenLine, DirtyPlan, type ExtraRowKind } from "./dirty";
import { applyFaults } from "./faults";
import { buildManifest, type Manifest, ManifestCounters } from "./manifest";
import { finalizeSession, sampleSession, type TimeSlot } from "./model";
import { DEFAULTS, type GenerateInput, type GenerateOptions, isGzipPath, resolveOptions } from "./options";
import { Rng } from "./prng";
import {
  allocateSessions,
  bucketOffsets,
  formatTimestamp,
  hourBucket,
  resolveDateRange,
  slotInBucket,
} from "./timeline";

/** Independent random streams, so e.g. --dirty never shifts the clean sessions' values. */
const STREAM_TIMELINE = 1;
const STREAM_SESSIONS = 2;
const STREAM_DIRTY = 3;

/**
 * Rows are written in ~64 KB strings: measured fastest here (bigger strings cost more to flatten
 * and encode than the fewer write calls save).
 */
const CHUNK_CHARS = 64 * 1024;
/**
 * Every generated character is ASCII (catalog UAs, ids, enums, numbers; csv.test.ts checks), so
 * latin1 encodes to the same bytes as utf8, at a fraction of the cost.
 */
const ENCODING = "latin1";
/**
 * Fastest zlib level: on this data it costs half the CPU of the default (6) for files ~20% larger
 * (1M sessions: 80 MB instead of 67 MB, from 300 MB).
 */
const GZIP_LEVEL = 1;

/**
 * Collects lines into ~64 KB chunks and writes each to the stream. `add` returns a promise only
 * when a chunk was flushed into a full stream, so the hot loop awaits once per chunk at most.
 */
class ChunkedWriter {
  private chunk = "";
  rows = 0;

  constructor(
    private readonly writable: Writable,
    private readonly totalRows: number,
    private readonly onProgress?: (rowsWritten: number, totalRows: number) => void,
  ) {}

  addRaw(text: string): Promise<void> | undefined {
    this.chunk += text;
    return this.chunk.length >= CHUNK_CHARS ? this.flush() : undefined;
  }

  add(line: string): Promise<void> | undefined {
    this.rows += 1;
    return this.addRaw(line);
  }

  async flush(): Promise<void> {
    const chunk = this.chunk;
    this.chunk = "";
    if (chunk) await writeChunk(this.writable, chunk);
    this.onProgress?.(this.rows, this.totalRows);
  }
}

interface Run {
  /** Data rows the run will write (header excluded). */
  totalRows: number;
  /** Generates every data row into `out`. */
  emit(out: ChunkedWriter): Promise<void>;
  manifest(rowsWritten: number): Manifest;
}

function createRun(options: GenerateOptions): Run {
  const range = resolveDateRange(options.end, options.days);
  const timelineRng = new Rng(options.seed, STREAM_TIMELINE);
  const sessionRng = new Rng(options.seed, STREAM_SESSIONS);
  const dirtyRng = new Rng(options.seed, STREAM_DIRTY);
  const { faults } = options;
  const counts = allocateSessions(range, options.sessions, timelineRng);
  const plan = new DirtyPlan(options.sessions, options.dirty, dirtyRng);
  const counters = new ManifestCounters(faults.length);

  let lastSlot: TimeSlot = formatTimestamp(range.startMs * 1000);

  /** An extra broken row, drawn from the model like any session (faults included). */
  function extraLine(kind: ExtraRowKind): string {
    counters.dirty[kind] += 1;
    if (kind === "exact_duplicate") return plan.duplicateLine();
    const s = sampleSession(dirtyRng, lastSlot);
    applyFaults(faults, s);
    finalizeSession(s);
    return brokenLine(kind, sessionFields(s), dirtyRng, range.end);
  }

  function sessionRow(slot: TimeSlot): string {
    const s = sampleSession(sessionRng, slot);
    applyFaults(faults, s, counters.faultAffected);
    finalizeSession(s);
    counters.countSession(s);
    const outOfRange = plan.outOfRangeForSession();
    if (!outOfRange) return sessionLine(s);
    const fields = sessionFields(s);
    applyOutOfRange(outOfRange, fields, dirtyRng);
    counters.dirty[outOfRange] += 1;
    return csvLine(fields);
  }

  async function emit(out: ChunkedWriter): Promise<void> {
    for (let bucket = 0; bucket < counts.length; bucket++) {
      const count = counts[bucket]!;
      if (count === 0) continue;
      const hour = hourBucket(range, bucket);
      const offsets = bucketOffsets(count, timelineRng);
      for (let i = 0; i < count; i++) {
        for (let kind = plan.nextExtraBeforeSession(); kind; kind = plan.nextExtraBeforeSession()) {
          const pending = out.add(extraLine(kind));
          if (pending) await pending;
        }
        lastSlot = slotInBucket(hour, offsets[i]!);
        const line = sessionRow(lastSlot);
        plan.rememberLine(line);
        const pending = out.add(line);
        if (pending) await pending;
      }
    }
    for (let kind = plan.nextExtraAtEnd(); kind; kind = plan.nextExtraAtEnd()) {
      const pending = out.add(extraLine(kind));
      if (pending) await pending;
    }
  }

  return {
    totalRows: options.sessions + plan.extraRows,
    emit,
    manifest: (rowsWritten) => {
      counters.rowsWritten = rowsWritten;
      return buildManifest(
        {
          sessions: options.sessions,
          days: options.days,
          end: options.end,
          seed: options.seed,
          dirty: options.dirty,
          faults: options.faultsSource,
          out: options.out,
          manifest: options.manifest,
        },
        range,
        OUTPUT_COLUMNS,
        faults,
        counters,
      );
    },
  };
}

function closedError(writable: Writable): Error {
  return writable.errored ?? new Error("output stream closed before generation finished");
}

/** Writes one chunk; when the stream's buffer is full, waits for 'drain' (or fails on error/close). */
async function writeChunk(writable: Writable, chunk: string): Promise<void> {
  if (writable.destroyed) throw closedError(writable);
  if (writable.write(chunk, ENCODING)) return;
  await new Promise<void>((resolve, reject) => {
    const settle = (error?: Error) => {
      writable.off("drain", onDrain);
      writable.off("error", onError);
      writable.off("close", onClose);
      if (error) reject(error);
      else resolve();
    };
    const onDrain = () => settle();
    const onError = (error: Error) => settle(error);
    const onClose = () => settle(closedError(writable));
    writable.on("drain", onDrain);
    writable.on("error", onError);
    writable.on("close", onClose);
  });
}

/** Writes header + rows to `writable`, honouring backpressure; returns the manifest. */
async function writeRun(run: Run, writable: Writable, options: GenerateOptions): Promise<Manifest> {
  const out = new ChunkedWriter(writable, run.totalRows, options.onProgress);
  out.addRaw(HEADER_LINE);
  await run.emit(out);
  await out.flush();
  return run.manifest(out.rows);
}

/**
 * Streams a generated CSV into any Writable (ends it unless `end: false`) and returns the manifest.
 * Nothing is written to disk for the manifest; flags.out/manifest are recorded as given.
 */
export async function generateToStream(
  input: GenerateInput,
  writable: Writable,
  { end = true }: { end?: boolean } = {},
): Promise<Manifest> {
  const options = resolveOptions(input);
  const manifest = await writeRun(createRun(options), writable, options);
  if (end) {
    writable.end();
    await finished(writable);
  }
  return manifest;
}

/** Generates in memory (for small test fixtures): the CSV bytes and the manifest. */
export async function generateToBuffer(input: GenerateInput): Promise<{ csv: Buffer; manifest: Manifest }> {
  const sink = new PassThrough();
  const parts: Buffer[] = [];
  sink.on("data", (part: Buffer) => parts.push(part));
  const manifest = await generateToStream(input, sink);
  return { csv: Buffer.concat(parts), manifest };
}

/**
 * Creates a directory and its missing parents one level at a time (Node's recursive mkdir spins
 * forever under some pseudo file systems, e.g. /proc/x, instead of failing).
 */
async function ensureDir(dir: string): Promise<void> {
  const missing: string[] = [];
  let current = path.resolve(dir);
  while (!existsSync(current)) {
    missing.unshift(current);
    const parent = path.dirname(current);
    if (parent === current) break;
    current = parent;
  }
  for (const d of missing) await mkdir(d);
}

/** True for an existing non-regular file (a device or pipe such as /dev/stdout): write in place. */
async function isSpecialFile(file: string): Promise<boolean> {
  try {
    return !(await stat(file)).isFile();
  } catch {
    return false;
  }
}

/**
 * Writes the CSV (gzipped when `out` ends in .gz) and the manifest JSON; returns the manifest.
 * A regular file is written under a temporary name and renamed at the end, so a crash never
 * leaves a half-written file under the real name.
 */
export async function generateFile(input: GenerateInput): Promise<Manifest> {
  const options = resolveOptions({ ...input, out: input.out ?? DEFAULTS.out });
  const out = options.out!;
  const manifestPath = options.manifest!;
  await ensureDir(path.dirname(out));
  await ensureDir(path.dirname(manifestPath));
  const inPlace = await isSpecialFile(out);
  const target = inPlace ? out : `${out}.partial-${process.pid}`;
  try {
    // Rows go into `source`; pipeline carries them (gzipped or not) to the file and owns error handling.
    const source: Writable & NodeJS.ReadableStream = isGzipPath(out)
      ? createGzip({ level: GZIP_LEVEL })
      : new PassThrough();
    const piped = pipeline(source, createWriteStream(target));
    piped.catch(() => {}); // awaited below; this only stops an early failure being reported as unhandled
    const manifest = await writeRun(createRun(options), source, options);
    source.end();
    await piped;
    if (!inPlace) await rename(target, out);
    await writeFile(manifestPath, `${JSON.stringify(manifest, null, 2)}\n`);
    return manifest;
  } catch (error) {
    if (!inPlace) await rm(target, { force: true });
    throw error;
  }
}
