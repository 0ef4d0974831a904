import { isUtf8 } from "node:buffer";
import { Transform, type TransformCallback } from "node:stream";
import { InputError } from "./errors";

/**
 * Turns CSV bytes into PostgreSQL COPY text-format lines for the staging table, one output line per
 * CSV record, in the column order of `copyColumnList(plan)`:
 * `run_id, file_no, line_number, <fields...>, raw_row, field_count`.
 *
 * It works on bytes, never decoding to JavaScript strings: CSV's structural characters are ASCII,
 * so UTF-8 text passes through untouched. One loop per record turns commas outside quotes into
 * tabs, drops the quoting (doubled quotes become one) and escapes what COPY needs escaped. The raw
 * record is sent beside the fields only when it could not be rebuilt from them exactly (wrong
 * field count, unknown columns, unusual quoting); otherwise raw_row is NULL and validation rebuilds
 * it, with minimal CSV quoting, for the few rows it rejects. That halves the bytes sent. A Transform with backpressure: memory stays flat whatever the size.
 *
 * A record whose field count differs from the header's is still staged (fields NULL, raw row kept)
 * so validation can reject it as wrong_column_count with its line number. Two faults refuse the
 * file instead, naming the line, because nothing after them can be trusted: bytes that are not
 * UTF-8 (the database would refuse the COPY), and a quoted field left open (the record would run
 * on over the following lines, swallowing them).
 */

/** Which CSV columns go to which staging column (null = unknown column, dropped). */
export type ColumnPlan = {
  /** Header names as read (trimmed). */
  header: string[];
  /** Staging column for each CSV column, or null to drop it. */
  targets: (string | null)[];
  /** Staging columns filled from the file, in COPY order. */
  copyColumns: string[];
};

/** COPY text format escapes (backslash, tab, newline, carriage return). */
export function copyEscape(value: string): string {
  if (!/[\\\t\n\r]/.test(value)) return value;
  return value.replace(/[\\\t\n\r]/g, (c) =>
    c === "\\" ? "\\\\" : c === "\t" ? "\\t" : c === "\n" ? "\\n" : "\\r",
  );
}

/** Splits one CSV record (without its line terminator) into fields, RFC 4180 style but lenient. */
export function splitCsvRecord(record: string): string[] {
  if (record.indexOf('"') === -1) return record.split(",");
  const fields: string[] = [];
  let i = 0;
  const n = record.length;
  for (;;) {
    let field = "";
    if (record.charCodeAt(i) === 34 /* " */) {
      i++;
      for (;;) {
        const q = record.indexOf('"', i);
        if (q === -1) {
          // Unterminated quote: keep the rest as the field's text.
          field += record.slice(i);
          i = n;
          break;
        }
        field += record.slice(i, q);
        if (record.charCodeAt(q + 1) === 34) {
          field += '"';
          i = q + 2;
        } else {
          i = q + 1;
          break;
        }
      }
      // Lenient: text between a closing quote and the next comma is kept.
      const comma = record.indexOf(",", i);
      const end = comma === -1 ? n : comma;
      field += record.slice(i, end);
      i = end;
    } else {
      const comma = record.indexOf(",", i);
      const end = comma === -1 ? n : comma;
      field = record.slice(i, end);
      i = end;
    }
    fields.push(field);
    if (i >= n) break;
    i++; // skip the comma
    if (i === n) {
      fields.push("");
      break;
    }
  }
  return fields;
}

export type CsvToCopyStats = {
  rows: number;
  blankLines: number;
  wrongColumnCount: number;
};

/** COPY column order produced by CsvToCopy for a plan. */
export function copyColumnList(plan: ColumnPlan): string[] {
  return ["run_id", "file_no", "line_number", ...plan.copyColumns, "raw_row", "field_count"];
}

/** Records longer than this without an end are a broken quote, not data. */
const MAX_RECORD_BYTES = 1 << 20;

const TAB = 9;
const LF = 10;
const CR = 13;
const QUOTE = 34;
const COMMA = 44;
const BACKSLASH = 92;

export class CsvToCopy extends Transform {
  readonly stats: CsvToCopyStats = { rows: 0, blankLines: 0, wrongColumnCount: 0 };
  private readonly prefix: Buffer;
  private readonly expectedFields: number;
  /** kept[i] = 1 when CSV column i goes to staging. */
  private readonly kept: Uint8Array;
  private readonly nullFields: Buffer;
  private readonly allKept: boolean;
  private leftover: Buffer | null = null;
  private line = 0; // physical lines consumed so far
  private headerSeen = false;
  /** Whether the last record emitted left a quote open or had text after a closing quote. */
  private brokenQuote = false;
  private out: Buffer = Buffer.alloc(0);
  private o = 0;

  constructor(
    plan: ColumnPlan,
    ids: { runId: number; fileNo: number },
    private readonly onRows?: (rows: number) => void,
  ) {
    super({ readableHighWaterMark: 1 << 20, writableHighWaterMark: 1 << 20 });
    this.prefix = Buffer.from(`${ids.runId}\t${ids.fileNo}\t`, "latin1");
    this.expectedFields = plan.header.length;
    this.kept = Uint8Array.from(plan.targets.map((t) => (t === null ? 0 : 1)));
    this.allKept = plan.targets.every((t) => t !== null);
    this.nullFields = Buffer.from("\t\\N".repeat(plan.copyColumns.length), "latin1");
  }

  override _transform(chunk: Buffer, _enc: BufferEncoding, done: TransformCallback): void {
    try {
      const buf = this.leftover ? Buffer.concat([this.leftover, chunk]) : chunk;
      if (buf.indexOf(0) !== -1) throw new InputError("contains NUL bytes: binary data, not a CSV file");
      const firstLine = this.line + 1;
      const used = this.process(buf, false);
      assertUtf8(buf, used, firstLine);
      // Copy the incomplete tail so the big input chunk is not kept alive.
      this.leftover = used < buf.length ? Buffer.from(buf.subarray(used)) : null;
      if (this.leftover && this.leftover.length > MAX_RECORD_BYTES) {
        throw new InputError(
          `line ${this.line + 1}: a record longer than 1 MiB: a quoted field left open, or a value ` +
            "far longer than any telemetry field",
        );
      }
      this.flushOut();
      done();
    } catch (err) {
      done(err as Error);
    }
  }

  override _flush(done: TransformCallback): void {
    try {
      if (this.leftover) {
        const firstLine = this.line + 1;
        assertUtf8(this.leftover, this.process(this.leftover, true), firstLine);
      }
      this.leftover = null;
      this.flushOut();
      done();
    } catch (err) {
      done(err as Error);
    }
  }

  private flushOut(): void {
    if (this.o > 0) this.push(this.out.subarray(0, this.o));
    this.out = Buffer.alloc(0);
    this.o = 0;
    this.onRows?.(this.stats.rows);
  }

  private ensure(bytes: number): void {
    if (this.o + bytes <= this.out.length) return;
    const next = Buffer.allocUnsafe(Math.max(this.out.length * 2, this.o + bytes, 1 << 16));
    this.out.copy(next, 0, 0, this.o);
    this.out = next;
  }

  /** Emits every complete record of `buf`; returns how many bytes were consumed. */
  private process(buf: Buffer, final: boolean): number {
    const n = buf.length;
    if (this.out.length === 0) this.out = Buffer.allocUnsafe(Math.ceil(n * 2.5) + (1 << 16));
    // A byte-order mark is not part of the first line (preflight strips it from the header too).
    let pos = this.line === 0 && n >= 3 && buf[0] === 0xef && buf[1] === 0xbb && buf[2] === 0xbf ? 3 : 0;
    let nextQuote = -2; // cached position of the next quote at or after pos (-1: none left)
    while (pos < n) {
      let nl = buf.indexOf(LF, pos);
      if (nextQuote !== -1 && nextQuote < pos) nextQuote = buf.indexOf(QUOTE, pos);
      if (nextQuote !== -1 && (nl === -1 || nextQuote < nl)) nl = recordEnd(buf, pos);
      if (nl === -1 && !final) break;
      const end = nl === -1 ? n : nl;
      const recStart = pos;
      const recEnd = end > recStart && buf[end - 1] === CR ? end - 1 : end;
      const lineNo = this.line + 1;
      const extraLines = countNewlines(buf, recStart, end);
      this.line += 1 + extraLines;
      pos = end + 1;
      // Lines of nothing but white space are blank (preflight takes the first other line as the header).
      if (recEnd === recStart || isWhiteSpace(buf, recStart, recEnd)) {
        if (this.headerSeen) this.stats.blankLines++;
        continue;
      }
      if (!this.headerSeen) {
        this.headerSeen = true; // the header was read and planned by preflight
        continue;
      }
      this.stats.rows++;
      const fields = this.emitRecord(buf, recStart, recEnd, lineNo);
      // A record over several lines is a quoted field with line breaks, or a quote left open that
      // swallowed the lines after it. Only the latter leaves broken quoting behind: a quote still
      // open at the end, or text right after what closed it (the next field's opening quote).
      if (extraLines > 0 && this.brokenQuote) {
        throw new InputError(
          `line ${lineNo}: a quoted field is not closed (the record runs over ${extraLines + 1} lines ` +
            `and has ${fields} fields, expected ${this.expectedFields})`,
        );
      }
    }
    return Math.min(pos, n);
  }

  /**
   * Writes one COPY line: prefix, line number, fields, raw record, field count. Returns the field
   * count; sets brokenQuote when a quote was left open or followed by text (not RFC 4180).
   */
  private emitRecord(buf: Buffer, start: number, end: number, lineNo: number): number {
    this.ensure(4 * (end - start) + this.prefix.length + this.nullFields.length + 64);
    const out = this.out;
    const kept = this.kept;
    let o = this.o;
    o += this.prefix.copy(out, o);
    o += out.write(String(lineNo), o, "latin1");
    const fieldsStart = o;
    let field = 0;
    let inQuotes = false;
    let fieldStart = true;
    let escaped = false;
    // Canonical = exactly what a minimal-quoting CSV writer would produce from the fields; then the
    // raw row need not be sent (validation rebuilds it for the rare rejected row).
    let canonical = this.allKept;
    let quoted = false;
    let needsQuotes = false;
    let closed = false;
    let textAfterClose = false;
    if (kept[0] === 1) out[o++] = TAB;
    for (let i = start; i < end; i++) {
      const b = buf[i];
      if (inQuotes) {
        if (b === QUOTE) {
          if (i + 1 < end && buf[i + 1] === QUOTE) {
            i++;
            needsQuotes = true;
          } else {
            inQuotes = false;
            closed = true;
            continue;
          }
        } else if (b === COMMA || b === LF || b === CR) {
          needsQuotes = true;
        }
      } else if (b === COMMA) {
        if (quoted && !needsQuotes) canonical = false;
        field++;
        fieldStart = true;
        quoted = false;
        needsQuotes = false;
        closed = false;
        if (kept[field] === 1) out[o++] = TAB;
        continue;
      } else if (b === QUOTE && fieldStart) {
        inQuotes = true;
        quoted = true;
        fieldStart = false;
        continue;
      } else if (closed || b === QUOTE || b === CR) {
        canonical = false; // text after a closing quote, a stray quote, or a bare CR
        if (closed) textAfterClose = true;
      }
      fieldStart = false;
      const special = b === BACKSLASH || b === TAB || b === LF || b === CR;
      if (special) escaped = true;
      if (kept[field] !== 1) continue;
      if (special) {
        out[o++] = BACKSLASH;
        out[o++] = b === BACKSLASH ? BACKSLASH : b === TAB ? 116 : b === LF ? 110 : 114;
      } else {
        out[o++] = b;
      }
    }
    if ((quoted && !needsQuotes) || inQuotes) canonical = false;
    const fields = field + 1;
    if (fields !== this.expectedFields) {
      this.stats.wrongColumnCount++;
      o = fieldsStart + this.nullFields.copy(out, fieldsStart);
      canonical = false;
    }
    out[o++] = TAB;
    if (canonical) {
      out[o++] = BACKSLASH;
      out[o++] = 78; // \N: rebuilt from the fields if ever needed
    } else if (escaped) {
      for (let i = start; i < end; i++) {
        const b = buf[i];
        if (b === BACKSLASH || b === TAB || b === LF || b === CR) {
          out[o++] = BACKSLASH;
          out[o++] = b === BACKSLASH ? BACKSLASH : b === TAB ? 116 : b === LF ? 110 : 114;
        } else {
          out[o++] = b;
        }
      }
    } else {
      o += buf.copy(out, o, start, end);
    }
    out[o++] = TAB;
    o += out.write(String(fields), o, "latin1");
    out[o++] = LF;
    this.o = o;
    this.brokenQuote = inQuotes || textAfterClose;
    return fields;
  }
}

/** Refuses the file at the first line (counted from `firstLine`) of buf[0, end) that is not UTF-8. */
function assertUtf8(buf: Buffer, end: number, firstLine: number): void {
  if (isUtf8(buf.subarray(0, end))) return;
  // A multi-byte character never spans a newline, so each line can be checked on its own.
  let line = firstLine;
  for (let start = 0; start < end; line++) {
    const nl = buf.indexOf(LF, start);
    const stop = nl === -1 || nl > end ? end : nl;
    if (!isUtf8(buf.subarray(start, stop))) break;
    start = stop + 1;
  }
  throw new InputError(`line ${line}: bytes that are not UTF-8 text (save the file as UTF-8)`);
}

function isWhiteSpace(buf: Buffer, start: number, end: number): boolean {
  for (let i = start; i < end; i++) if (buf[i] !== 32 && buf[i] !== TAB && buf[i] !== CR) return false;
  return true;
}

function countNewlines(buf: Buffer, start: number, end: number): number {
  let count = 0;
  for (let k = buf.indexOf(LF, start); k !== -1 && k < end; k = buf.indexOf(LF, k + 1)) count++;
  return count;
}

/**
 * Index of the newline ending the record starting at `from`, or -1. Quotes are read as emitRecord
 * reads them: one opens a quoted field only at the start of a field; anywhere else it is data.
 */
function recordEnd(buf: Buffer, from: number): number {
  let inQuotes = false;
  let i = from;
  for (;;) {
    if (!inQuotes) {
      const nl = buf.indexOf(LF, i);
      const q = buf.indexOf(QUOTE, i);
      if (nl === -1) return -1;
      if (q === -1 || nl < q) return nl;
      inQuotes = q === from || buf[q - 1] === COMMA;
      i = q + 1;
    } else {
      const q = buf.indexOf(QUOTE, i);
      if (q === -1 || q + 1 >= buf.length) return -1;
      if (buf[q + 1] === QUOTE) {
        i = q + 2; // a doubled quote: one quote character inside the field
      } else {
        inQuotes = false;
        i = q + 1;
      }
    }
  }
}
