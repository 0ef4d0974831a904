import { mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { Writable } from "node:stream";
import { gunzipSync } from "node:zlib";
import { parse } from "csv-parse/sync";
import { describe, expect, it } from "vitest";
import { EXTENSION_COLUMNS, SEED_COLUMNS } from "../../db/constants";
import { generateFile, generateToBuffer, generateToStream } from "./generate";
import { parseTimestamp } from "./recount";

const END = "2025-03-31";
const base = { sessions: 3000, days: 10, end: END, seed: 7 } as const;

function rows(csv: Buffer | string): string[][] {
  return parse(csv.toString(), { relax_column_count: true }) as string[][];
}

describe("generateToBuffer / generateFile", () => {
  it("gives byte-identical output for the same options and different output for another seed", async () => {
    const a = await generateToBuffer({ ...base, dirty: 0.1 });
    const b = await generateToBuffer({ ...base, dirty: 0.1 });
    const c = await generateToBuffer({ ...base, dirty: 0.1, seed: 8 });
    expect(a.csv.equals(b.csv)).toBe(true);
    expect(a.manifest).toEqual(b.manifest);
    expect(a.csv.equals(c.csv)).toBe(false);
    // Different content, not just a shuffle: the session ids differ.
    const idsA = new Set(rows(a.csv).map((r) => r[0]));
    const shared = rows(c.csv).filter((r) => r[0] && idsA.has(r[0]));
    expect(shared.map((r) => r[0])).toEqual(["session_id"]); // only the header
  });

  it("writes the seed's header then the extension columns, and plausible rows", async () => {
    const { csv, manifest } = await generateToBuffer(base);
    const [header, ...data] = rows(csv);
    expect(header).toEqual([...SEED_COLUMNS, ...EXTENSION_COLUMNS]);
    expect(manifest.columns).toEqual(header);
    expect(data).toHaveLength(3000);
    const ids = new Set<string>();
    for (const r of data) {
      expect(r).toHaveLength(22);
      ids.add(r[0]!);
      expect(r[0]).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
      expect(r[1]).toMatch(/^user_([1-9]\d{0,5}|1000000)$/);
      expect(r[5]).toMatch(/^v\d+\.\d+\.\d+$/);
      expect(r[6]).toMatch(/^content_([1-9]\d{0,2}|1000)$/);
      expect(r[17]).toMatch(new RegExp(`^${r[15]}-[1-5]$`));
      expect(Number(r[13])).toBeGreaterThanOrEqual(300);
      expect(Number(r[13])).toBeLessThanOrEqual(7200);
      expect(["0", "1"]).toContain(r[20]);
      expect(["0", "1"]).toContain(r[21]);
      if (r[20] === "1") expect(r[21]).toBe("1");
    }
    expect(ids.size).toBe(3000);
  });

  it("keeps timestamps inside the range, sorted, with consistent hour and Monday-based day_of_week", async () => {
    const { csv, manifest } = await generateToBuffer(base);
    const data = rows(csv).slice(1);
    const start = Date.parse("2025-03-22T00:00:00Z");
    const endExclusive = Date.parse("2025-04-01T00:00:00Z");
    expect(manifest.date_range).toMatchObject({ start: "2025-03-22", end: END, days: 10 });
    let previous = 0;
    for (const r of data) {
      const ms = parseTimestamp(r[2]!);
      expect(ms).not.toBeNull();
      expect(ms!).toBeGreaterThanOrEqual(start);
      expect(ms!).toBeLessThan(endExclusive);
      expect(ms!).toBeGreaterThanOrEqual(previous);
      previous = ms!;
      const d = new Date(ms!);
      expect(Number(r[18])).toBe(d.getUTCHours());
      expect(Number(r[19])).toBe((d.getUTCDay() + 6) % 7);
    }
    expect(manifest.date_range.first_timestamp).toBe(data[0]![2]);
    expect(manifest.date_range.last_timestamp).toBe(data.at(-1)![2]);
  });

  it("changes only the faulty segments' metrics between --faults none and default", async () => {
    const none = rows((await generateToBuffer({ ...base, faults: "none" })).csv).slice(1);
    const dflt = rows((await generateToBuffer({ ...base, faults: "default" })).csv).slice(1);
    expect(dflt).toHaveLength(none.length);
    let changed = 0;
    none.forEach((r, i) => {
      const f = dflt[i]!;
      const differing = r.flatMap((v, j) =>
        v === f[j] ? [] : [SEED_COLUMNS[j] ?? EXTENSION_COLUMNS[j - 20]],
      );
      if (differing.length === 0) return;
      changed += 1;
      const ios153Phone = r[3] === "mobile" && r[4]!.includes("iPhone OS 15_3 ");
      const brVodafone = r[15] === "BR" && r[16] === "vodafone";
      const tvContent42 = r[3] === "smart_tv" && r[6] === "content_42";
      expect(ios153Phone || brVodafone || tvContent42).toBe(true);
      const allowed = new Set<string>();
      if (ios153Phone || brVodafone) {
        allowed.add("startup_time_ms");
        const expected = Math.min(30_000, (ios153Phone ? 2 : 1) * Number(r[7]) + (brVodafone ? 1500 : 0));
        expect(Math.abs(Number(f[7]) - expected)).toBeLessThanOrEqual(ios153Phone ? 1 : 0);
      }
      if (tvContent42) {
        for (const c of ["rebuffer_count", "rebuffer_duration_ms", "error_occurred"]) allowed.add(c);
        expect(Number(f[8])).toBe(Math.min(100, 3 * Number(r[8])));
      }
      for (const column of differing) expect(allowed).toContain(column);
    });
    expect(changed).toBeGreaterThan(0);
  });

  it("leaves the clean sessions unchanged when dirty rows are mixed in", async () => {
    const clean = rows((await generateToBuffer(base)).csv).slice(1);
    const { csv, manifest } = await generateToBuffer({ ...base, dirty: 0.3 });
    const dirtyLines = csv.toString().split("\n").slice(1, -1);
    expect(dirtyLines.length).toBe(manifest.rows_written);
    const cleanLines = new Set((await generateToBuffer(base)).csv.toString().split("\n").slice(1, -1));
    const present = dirtyLines.filter((l) => cleanLines.has(l));
    // Every session is there verbatim except those that got an out-of-range value; duplicates repeat some.
    const unique = new Set(present);
    expect(unique.size).toBe(clean.length - manifest.expected_clipped_rows);
    expect(present.length - unique.size).toBeLessThanOrEqual(manifest.dirty.by_kind.exact_duplicate);
  });

  it("writes the same bytes gzipped (.gz) as plain, plus the manifest next to it", async () => {
    const dir = mkdtempSync(path.join(tmpdir(), "gen-"));
    const plain = path.join(dir, "new", "sub", "t.csv"); // missing folders are created
    const gz = path.join(dir, "t2.csv.gz");
    const m1 = await generateFile({ ...base, dirty: 0.05, out: plain });
    const m2 = await generateFile({ ...base, dirty: 0.05, out: gz });
    const plainBytes = readFileSync(plain);
    const gzBytes = readFileSync(gz);
    expect(gzBytes.subarray(0, 2)).toEqual(Buffer.from([0x1f, 0x8b]));
    expect(gunzipSync(gzBytes).equals(plainBytes)).toBe(true);
    // The gzip bytes are reproducible too (no timestamp in the gzip header).
    await generateFile({ ...base, dirty: 0.05, out: path.join(dir, "t3.csv.gz") });
    expect(readFileSync(path.join(dir, "t3.csv.gz")).equals(gzBytes)).toBe(true);
    expect(JSON.parse(readFileSync(path.join(dir, "new", "sub", "t.manifest.json"), "utf8"))).toEqual(m1);
    expect(JSON.parse(readFileSync(path.join(dir, "t2.manifest.json"), "utf8"))).toEqual(m2);
    expect(m1.flags.out).toBe(plain);
    expect(m2.flags.manifest).toBe(path.join(dir, "t2.manifest.json"));
    // Only the file's bytes are ASCII (so latin1 encoding equals utf8).
    expect(plainBytes.every((b) => b < 0x80)).toBe(true);
  });

  it("respects backpressure from a slow writer and still writes everything", async () => {
    const received: Buffer[] = [];
    let maxBuffered = 0;
    const slow = new Writable({
      highWaterMark: 16 * 1024,
      write(chunk: Buffer, _enc, done) {
        received.push(chunk);
        setTimeout(done, 1);
      },
    });
    const original = slow.write.bind(slow);
    slow.write = ((chunk: unknown, encoding?: unknown, cb?: unknown) => {
      maxBuffered = Math.max(maxBuffered, slow.writableLength);
      return original(chunk as string, encoding as BufferEncoding, cb as () => void);
    }) as typeof slow.write;
    const manifest = await generateToStream({ ...base, sessions: 2000 }, slow);
    const { csv } = await generateToBuffer({ ...base, sessions: 2000 });
    expect(Buffer.concat(received).equals(csv)).toBe(true);
    expect(manifest.rows_written).toBe(2000);
    // It waited for 'drain' instead of piling chunks up: never more than one chunk queued beyond the mark.
    expect(maxBuffered).toBeLessThanOrEqual(16 * 1024 + 70 * 1024);
  });

  it("rejects bad library options with a clear message", async () => {
    await expect(generateToBuffer({ ...base, sessions: 0 })).rejects.toThrow(
      /sessions: must be a whole number/,
    );
    await expect(generateToBuffer({ ...base, dirty: 0.9 })).rejects.toThrow(
      /dirty: must be a number between 0 and 0.5/,
    );
    await expect(generateToBuffer({ ...base, end: "2025-13-01" })).rejects.toThrow(
      /end: must be a real date/,
    );
  });
});
