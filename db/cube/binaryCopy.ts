/**
 * Writer of PostgreSQL's binary COPY format (COPY ... FROM STDIN WITH (FORMAT binary)): numbers
 * travel as their bytes, so neither side formats or parses text. Fields must match the target
 * columns' types exactly (int2, int4, float8, text, int2[], int4[]).
 */

const SIGNATURE = Buffer.from("PGCOPY\n\xff\r\n\0", "latin1");
const OID = { int2: 21, int4: 23 } as const;

export class BinaryCopyWriter {
  private buffer: Buffer;
  private length = 0;

  constructor(initialBytes = 1 << 16) {
    this.buffer = Buffer.allocUnsafe(initialBytes);
  }

  /** The file header: signature, flags, header-extension length. */
  header(): this {
    this.ensure(SIGNATURE.length + 8);
    this.length += SIGNATURE.copy(this.buffer, this.length);
    this.raw32(0);
    this.raw32(0);
    return this;
  }

  /** Starts a row of `fields` fields. */
  row(fields: number): this {
    this.ensure(2);
    this.length = this.buffer.writeInt16BE(fields, this.length);
    return this;
  }

  nul(): this {
    this.ensure(4);
    this.raw32(-1);
    return this;
  }

  /** A text field from its UTF-8 bytes (encode once, write many times). */
  text(bytes: Buffer): this {
    this.ensure(4 + bytes.length);
    this.raw32(bytes.length);
    // Dimension values are a few bytes: a loop beats Buffer.copy's per-call overhead.
    for (let i = 0; i < bytes.length; i++) this.buffer[this.length + i] = bytes[i];
    this.length += bytes.length;
    return this;
  }

  int2(value: number): this {
    this.ensure(6);
    this.raw32(2);
    this.length = this.buffer.writeInt16BE(value, this.length);
    return this;
  }

  int4(value: number): this {
    this.ensure(8);
    this.raw32(4);
    this.raw32(value);
    return this;
  }

  float8(value: number): this {
    this.ensure(12);
    this.raw32(8);
    this.length = this.buffer.writeDoubleBE(value, this.length);
    return this;
  }

  /** A one-dimensional array without nulls of int2 or int4 elements. */
  array(type: keyof typeof OID, values: ArrayLike<number>): this {
    const size = type === "int2" ? 2 : 4;
    const header = values.length === 0 ? 12 : 20;
    const bytes = header + values.length * (4 + size);
    this.ensure(4 + bytes);
    this.raw32(bytes);
    this.raw32(values.length === 0 ? 0 : 1);
    this.raw32(0);
    this.raw32(OID[type]);
    if (values.length > 0) {
      this.raw32(values.length);
      this.raw32(1);
    }
    for (let i = 0; i < values.length; i++) {
      this.raw32(size);
      this.length =
        size === 2
          ? this.buffer.writeInt16BE(values[i], this.length)
          : this.buffer.writeInt32BE(values[i], this.length);
    }
    return this;
  }

  /** The file trailer. */
  trailer(): this {
    this.ensure(2);
    this.length = this.buffer.writeInt16BE(-1, this.length);
    return this;
  }

  /**
   * A copy of the bytes written so far; the writer starts over in its own buffer (reused, so a
   * long run does not leave one large buffer per call for the garbage collector).
   */
  take(): Buffer {
    const out = Buffer.allocUnsafe(this.length);
    this.buffer.copy(out, 0, 0, this.length);
    this.length = 0;
    return out;
  }

  private raw32(value: number): void {
    this.length = this.buffer.writeInt32BE(value, this.length);
  }

  private ensure(bytes: number): void {
    if (this.length + bytes <= this.buffer.length) return;
    const bigger = Buffer.allocUnsafe(Math.max(this.buffer.length * 2, this.length + bytes));
    this.buffer.copy(bigger, 0, 0, this.length);
    this.buffer = bigger;
  }
}
