import { Transform, type TransformCallback } from "node:stream";
import { StringDecoder } from "node:string_decoder";
import { InputError } from "./errors";

/**
 * Turns CSV bytes into PostgreSQL COPY text-format lines for the staging table, one output line per
 * CSV record: `run_id, file_no, line_number, field_count, raw_row, <fields...>`. Streaming with
 * backpressure (a Transform), so memory stays flat whatever the file size.
 *
 * Fast path: a line without quotes, backslashes or tabs needs no parsing at all, its COPY form is
 * the line itself with commas turned into tabs. Other lines go through a small RFC 4180 state
 * machine (quoted fields, doubled quotes, newlines inside quotes).
 *
 * A record whose field count differs from the header's is still staged (fields NULL, raw row kept)
 * so validation can reject it as wrong_column_count with its line number.
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

/** Records longer than this without an end are a broken quote, not data. */
const MAX_RECORD_CHARS = 1 << 20;

export class CsvToCopy extends Transform {
  readonly stats: CsvToCopyStats = { rows: 0, blankLines: 0, wrongColumnCount: 0 };
  private readonly decoder = new StringDecoder("utf8");
  private readonly prefix: string;
  private readonly expectedFields: number;
  private readonly keep: number[] | null;
  private readonly nullFields: string;
  private pending = "";
  private line = 0; // physical line number of the last line consumed
  private headerSeen = false;

  constructor(
    plan: ColumnPlan,
    ids: { runId: number; fileNo: number },
    private readonly onRows?: (rows: number) => void,
  ) {
    super({ readableHighWaterMark: 1 << 20, writableHighWaterMark: 1 << 20, decodeStrings: true });
    this.prefix = `${ids.runId}\t${ids.fileNo}\t`;
    this.expectedFields = plan.header.length;
    const allKept = plan.targets.every((t) => t !== null);
    this.keep = allKept ? null : plan.targets.flatMap((t, i) => (t === null ? [] : [i]));
    this.nullFields = "\t\\N".repeat(plan.copyColumns.length);
  }

  override _transform(chunk: Buffer, _enc: BufferEncoding, done: TransformCallback): void {
    try {
      const text = this.decoder.write(chunk);
      if (text.indexOf("\u0000") !== -1)
        throw new InputError("contains NUL bytes: binary data, not a CSV file");
      const out = this.consume(this.pending + text, false);
      if (out) this.push(out);
      this.onRows?.(this.stats.rows);
      done();
    } catch (err) {
      done(err as Error);
    }
  }

  override _flush(done: TransformCallback): void {
    try {
      const out = this.consume(this.pending + this.decoder.end(), true);
      if (out) this.push(out);
      this.onRows?.(this.stats.rows);
      done();
    } catch (err) {
      done(err as Error);
    }
  }

  /** Emits COPY lines for every complete record in `buf`; keeps the incomplete tail in `pending`. */
  private consume(buf: string, final: boolean): string {
    const parts: string[] = [];
    let pos = 0;
    const n = buf.length;
    while (pos < n) {
      let nl = buf.indexOf("\n", pos);
      let record: string;
      let physicalLines = 1;
      const quote = buf.indexOf('"', pos);
      if (quote !== -1 && (nl === -1 || quote < nl)) {
        // Quoted content: find the record end outside quotes (may span lines).
        const end = findRecordEnd(buf, pos);
        if (end === -1 && !final) break;
        nl = end;
        record = buf.slice(pos, end === -1 ? n : end);
        for (let k = record.indexOf("\n"); k !== -1; k = record.indexOf("\n", k + 1)) physicalLines++;
      } else {
        if (nl === -1 && !final) break;
        record = buf.slice(pos, nl === -1 ? n : nl);
      }
      pos = nl === -1 ? n : nl + 1;
      if (record.charCodeAt(record.length - 1) === 13) record = record.slice(0, -1);
      const lineNo = this.line + 1;
      this.line += physicalLines;
      if (record.length === 0 || (record.indexOf(",") === -1 && record.trim().length === 0)) {
        if (this.headerSeen) this.stats.blankLines++;
        continue;
      }
      if (!this.headerSeen) {
        this.headerSeen = true; // the header was read and planned by preflight
        continue;
      }
      this.stats.rows++;
      parts.push(this.toCopyLine(record, lineNo));
    }
    this.pending = pos < n ? buf.slice(pos) : "";
    if (this.pending.length > MAX_RECORD_CHARS) {
      throw new InputError(`line ${this.line + 1}: a record longer than 1 MiB (unterminated quoted field?)`);
    }
    return parts.join("");
  }

  private toCopyLine(record: string, lineNo: number): string {
    const head = `${this.prefix}${lineNo}\t`;
    const simple =
      record.indexOf('"') === -1 &&
      record.indexOf("\\") === -1 &&
      record.indexOf("\t") === -1 &&
      record.indexOf("\r") === -1;
    if (simple && this.keep === null) {
      let fields = 1;
      for (let k = record.indexOf(","); k !== -1; k = record.indexOf(",", k + 1)) fields++;
      if (fields !== this.expectedFields) return this.wrongCount(head, fields, record);
      return `${head}${fields}\t${record}\t${record.replaceAll(",", "\t")}\n`;
    }
    const fields = splitCsvRecord(record);
    if (fields.length !== this.expectedFields)
      return this.wrongCount(head, fields.length, copyEscape(record));
    const kept = this.keep === null ? fields : this.keep.map((i) => fields[i]);
    let line = `${head}${fields.length}\t${copyEscape(record)}`;
    for (const f of kept) line += `\t${copyEscape(f)}`;
    return `${line}\n`;
  }

  private wrongCount(head: string, fields: number, escapedRaw: string): string {
    this.stats.wrongColumnCount++;
    return `${head}${fields}\t${escapedRaw}${this.nullFields}\n`;
  }
}

/** Index of the newline ending the record starting at `from` (quotes respected), or -1. */
function findRecordEnd(buf: string, from: number): number {
  let inQuotes = false;
  let i = from;
  for (;;) {
    const q = buf.indexOf('"', i);
    const nl = buf.indexOf("\n", i);
    if (!inQuotes) {
      if (nl === -1) return -1;
      if (q === -1 || nl < q) return nl;
      inQuotes = true;
      i = q + 1;
    } else {
      if (q === -1) return -1;
      inQuotes = false; // a doubled quote closes and reopens, which is equivalent
      i = q + 1;
    }
  }
}
