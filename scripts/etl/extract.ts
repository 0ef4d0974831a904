import { createHash } from "node:crypto";
import { createReadStream } from "node:fs";
import { open, readdir, stat } from "node:fs/promises";
import path from "node:path";
import { PassThrough, Transform, type TransformCallback, Writable } from "node:stream";
import { pipeline } from "node:stream/promises";
import { createGunzip, gunzipSync, constants as zlibConstants } from "node:zlib";
import type { Sql, TransactionSql } from "postgres";
import { EXTENSION_COLUMNS, SEED_COLUMNS } from "../../db/constants";
import { type ColumnPlan, CsvToCopy, copyColumnList, splitCsvRecord } from "./csv-to-copy";
import { InputError } from "./errors";

/**
 * Extract stage: finds the input files, checks each one before anything is loaded (preflight), then
 * streams each file into the staging table with COPY ... FROM STDIN, hashing its content on the way.
 * The content hash is taken after decompression, so a file and its .csv.gz are the same content.
 */

/** Seed columns the ETL recomputes itself, so a file may omit them. */
const OPTIONAL_SEED_COLUMNS = new Set<string>(["hour", "day_of_week"]);
export const REQUIRED_COLUMNS = SEED_COLUMNS.filter((c) => !OPTIONAL_SEED_COLUMNS.has(c));
const KNOWN_COLUMNS = new Set<string>([...SEED_COLUMNS, ...EXTENSION_COLUMNS]);

export type InputFile = {
  path: string;
  bytes: number;
  gzip: boolean;
  plan: ColumnPlan;
  warnings: string[];
};

const isCsvName = (name: string) => /\.csv(\.gz)?$/i.test(name);

/** Expands folders into their .csv / .csv.gz files (sorted); refuses paths that do not exist. */
export async function resolveInputs(paths: string[]): Promise<string[]> {
  const files: string[] = [];
  for (const p of paths) {
    const info = await stat(p).catch(() => null);
    if (!info) throw new InputError(`${p}: no such file or folder`);
    if (info.isDirectory()) {
      const names = (await readdir(p)).filter(isCsvName).sort();
      if (names.length === 0) throw new InputError(`${p}: folder holds no .csv or .csv.gz file`);
      files.push(...names.map((n) => path.join(p, n)));
    } else {
      files.push(p);
    }
  }
  return files;
}

/** Maps a header to staging columns; refuses missing or repeated required columns. */
export function planColumns(header: string[]): { plan: ColumnPlan; warnings: string[] } {
  const names = header.map((h, i) => (i === 0 ? h.replace(/^\uFEFF/, "") : h).trim());
  const seen = new Set<string>();
  const warnings: string[] = [];
  const targets = names.map((name) => {
    const key = name.toLowerCase();
    if (!KNOWN_COLUMNS.has(key)) return null;
    if (seen.has(key)) throw new InputError(`column "${name}" appears twice in the header`);
    seen.add(key);
    return key;
  });
  const missing = REQUIRED_COLUMNS.filter((c) => !seen.has(c));
  if (missing.length > 0) {
    const what = missing.length === 1 ? "required column" : "required columns";
    throw new InputError(`missing ${what} ${missing.join(", ")} (header: ${names.join(",").slice(0, 200)})`);
  }
  const unknown = names.filter((_, i) => targets[i] === null);
  if (unknown.length > 0) warnings.push(`unknown column(s) ignored: ${unknown.join(", ")}`);
  return {
    plan: { header: names, targets, copyColumns: targets.filter((t): t is string => t !== null) },
    warnings,
  };
}

const HEAD_BYTES = 64 * 1024;

/** Reads the start of a file and checks that it is a non-empty text CSV with the needed columns. */
export async function preflight(file: string): Promise<InputFile> {
  const fail = (why: string): never => {
    throw new InputError(`${file}: ${why}`);
  };
  let handle: Awaited<ReturnType<typeof open>>;
  try {
    handle = await open(file, "r");
  } catch (err) {
    return fail(`unreadable (${(err as NodeJS.ErrnoException).code ?? (err as Error).message})`);
  }
  let head: Buffer;
  let bytes: number;
  try {
    const info = await handle.stat();
    if (!info.isFile()) fail("not a regular file");
    bytes = info.size;
    const buf = Buffer.alloc(Math.min(HEAD_BYTES, bytes));
    const { bytesRead } = await handle.read(buf, 0, buf.length, 0);
    head = buf.subarray(0, bytesRead);
  } catch (err) {
    if (err instanceof InputError) throw err;
    return fail(`unreadable (${(err as Error).message})`);
  } finally {
    await handle.close();
  }
  if (bytes === 0) fail("empty file");
  const gzip = head[0] === 0x1f && head[1] === 0x8b;
  let text: Buffer = head;
  if (gzip) {
    try {
      // Decompress only the start: a partial stream is fine, we only need the first lines.
      text = gunzipSync(head, { finishFlush: zlibConstants.Z_SYNC_FLUSH });
    } catch {
      fail("not a valid gzip file");
    }
  } else if (/\.gz$/i.test(file)) {
    fail("named .gz but is not gzip-compressed");
  }
  if (text.includes(0)) fail("binary data (NUL bytes), not a CSV file");
  const str = text.toString("utf8");
  const replacement = (str.match(/\uFFFD/g) ?? []).length;
  if (replacement > Math.max(4, str.length / 100)) fail("binary data (not UTF-8 text), not a CSV file");
  const lines = str.split("\n");
  const headerIndex = lines.findIndex((l) => l.trim().length > 0);
  if (headerIndex === -1) fail("empty file (no header line)");
  const wholeFileRead = !gzip && head.length === bytes;
  if (headerIndex === lines.length - 1 && !wholeFileRead && str.length >= HEAD_BYTES) {
    fail("header line longer than 64 KiB: not a CSV file");
  }
  const headerLine = lines[headerIndex].replace(/\r$/, "");
  if (headerLine.includes("\r")) {
    fail("lines end in a bare CR (classic Mac line endings); save it with LF or CRLF line endings");
  }
  const header = splitCsvRecord(headerLine);
  let planned: { plan: ColumnPlan; warnings: string[] };
  try {
    planned = planColumns(header);
  } catch (err) {
    return fail((err as Error).message);
  }
  const complete = wholeFileRead || (gzip && head.length === bytes);
  if (complete && lines.slice(headerIndex + 1).every((l) => l.trim().length === 0)) fail("no data rows");
  return { path: file, bytes, gzip, ...planned };
}

/** Counts bytes and hashes them as they pass. */
class HashTap extends Transform {
  readonly hash = createHash("sha256");
  bytes = 0;
  override _transform(chunk: Buffer, _enc: BufferEncoding, done: TransformCallback): void {
    this.hash.update(chunk);
    this.bytes += chunk.length;
    done(null, chunk);
  }
}

export type ExtractResult = {
  /** SHA-256 of the (decompressed) content. */
  sha256: string;
  /** Bytes of the (decompressed) content. */
  contentBytes: number;
  rows: number;
  blankLines: number;
  wrongColumnCount: number;
};

/** Streams one file into stg_playback_sessions with COPY; returns its hash and row counts. */
export async function extractFile(
  tx: TransactionSql | Sql,
  input: InputFile,
  ids: { runId: number; fileNo: number },
  onProgress?: (bytes: number, rows: number) => void,
  signal?: AbortSignal,
): Promise<ExtractResult> {
  let bytesRead = 0;
  const fileBytes = new Transform({
    transform(chunk: Buffer, _enc, done) {
      bytesRead += chunk.length;
      done(null, chunk);
    },
  });
  const content = new HashTap();
  const toCopy = new CsvToCopy(input.plan, ids, (rows) => onProgress?.(bytesRead, rows));
  const columns = copyColumnList(input.plan);
  // Column names come from the fixed whitelist in planColumns, never from the file as written.
  const copy = await tx.unsafe(`copy stg_playback_sessions (${columns.join(", ")}) from stdin`).writable();
  const source = createReadStream(input.path, { highWaterMark: 1 << 20 });
  const gunzip = input.gzip ? createGunzip({ chunkSize: 1 << 20 }) : new PassThrough();
  try {
    await pipeline(source, fileBytes, gunzip, content, toCopy, copy, { signal });
  } catch (err) {
    // Corrupt compressed data decompresses to garbage before zlib notices (at the checksum): name
    // the corruption, not what the garbage looked like.
    const corrupt = input.gzip && err instanceof InputError ? await gzipProblem(input.path) : null;
    throw corrupt ? new InputError(`${input.path}: corrupt gzip data (${corrupt})`) : fileError(input, err);
  }
  return {
    sha256: content.hash.digest("hex"),
    contentBytes: content.bytes,
    rows: toCopy.stats.rows,
    blankLines: toCopy.stats.blankLines,
    wrongColumnCount: toCopy.stats.wrongColumnCount,
  };
}

/** A read error as the run reports it: problems of the file's own bytes name the file (exit 2). */
function fileError(input: Pick<InputFile, "path">, err: unknown): unknown {
  if (err instanceof InputError) return new InputError(`${input.path}: ${err.message}`);
  if ((err as NodeJS.ErrnoException).code?.startsWith("Z_")) {
    return new InputError(`${input.path}: corrupt gzip data (${(err as Error).message})`);
  }
  return err;
}

const discard = () => new Writable({ write: (_chunk, _enc, done) => done() });

/** Why a gzip file does not decompress cleanly, or null when it does. */
async function gzipProblem(file: string): Promise<string | null> {
  try {
    await pipeline(createReadStream(file, { highWaterMark: 1 << 20 }), createGunzip(), discard());
    return null;
  } catch (err) {
    return (err as Error).message;
  }
}

/** Hashes a file's (decompressed) content without loading it, to spot a rerun before paying for COPY. */
export async function hashContent(input: Pick<InputFile, "path" | "gzip">): Promise<string> {
  const content = new HashTap();
  const source = createReadStream(input.path, { highWaterMark: 1 << 20 });
  const gunzip = input.gzip ? createGunzip({ chunkSize: 1 << 20 }) : new PassThrough();
  try {
    await pipeline(source, gunzip, content, discard());
  } catch (err) {
    throw fileError(input, err);
  }
  return content.hash.digest("hex");
}

/**
 * The size of a file's content: its size, or for gzip the size its trailer records (modulo 2^32,
 * of the last member only: a hint for finding candidates, never proof of equality).
 */
export async function contentSizeHint(input: Pick<InputFile, "path" | "gzip" | "bytes">): Promise<number> {
  if (!input.gzip || input.bytes < 4) return input.bytes;
  const handle = await open(input.path, "r");
  try {
    const trailer = Buffer.alloc(4);
    await handle.read(trailer, 0, 4, input.bytes - 4);
    return trailer.readUInt32LE(0);
  } finally {
    await handle.close();
  }
}
