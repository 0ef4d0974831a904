import { readFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { parse } from "csv-parse/sync";
import { describe, expect, it } from "vitest";
import { EXTENSION_COLUMNS, SEED_COLUMNS } from "../../db/constants";
import { csvField, csvLine, HEADER_LINE, OUTPUT_COLUMNS, sessionFields, sessionLine } from "./csv";
import { applyOutOfRange } from "./dirty";
import { applyFaults, DEFAULT_FAULTS } from "./faults";
import { finalizeSession, sampleSession } from "./model";
import { Rng } from "./prng";

/** First rows of the seed generator's real output (SPEC.md fixtures/seed_sample.csv). */
const FIXTURE = path.join(path.dirname(fileURLToPath(import.meta.url)), "fixtures", "seed_sample_head.csv");

describe("CSV dialect (Python csv / pandas QUOTE_MINIMAL)", () => {
  it("quotes only fields with a comma, quote or line break, doubling inner quotes", () => {
    expect(csvField("plain text; (X11) 1.0")).toBe("plain text; (X11) 1.0");
    expect(csvField("a, b")).toBe('"a, b"');
    expect(csvField('say "hi"')).toBe('"say ""hi"""');
    expect(csvField("two\nlines")).toBe('"two\nlines"');
    expect(csvField("")).toBe("");
    expect(csvLine(["x", "y, z", ""])).toBe('x,"y, z",\n');
  });

  it("writes user agents exactly as the seed file does", () => {
    // A fixture line whose UA has commas: our writer must reproduce the line byte for byte.
    const lines = readFileSync(FIXTURE, "utf8").split("\n");
    const withQuotes = lines.find((l) => l.includes('"'))!;
    const [fields] = parse(withQuotes) as string[][];
    expect(csvLine(fields!)).toBe(`${withQuotes}\n`);
  });

  it("has the seed's 20 columns first, in order, then the extension columns", () => {
    expect(OUTPUT_COLUMNS).toEqual([...SEED_COLUMNS, ...EXTENSION_COLUMNS]);
    const fixtureHeader = readFileSync(FIXTURE, "utf8").split("\n")[0]!;
    expect(HEADER_LINE.startsWith(`${fixtureHeader},`)).toBe(true);
    expect(HEADER_LINE).toBe(`${OUTPUT_COLUMNS.join(",")}\n`);
  });

  it("writes the same line on the fast path as through the generic field writer", () => {
    const rng = new Rng(9);
    for (let i = 0; i < 2000; i++) {
      const s = sampleSession(rng, { timestamp: "2025-01-01 00:00:00.000000", hour: 0, dayOfWeek: 2 });
      applyFaults(DEFAULT_FAULTS, s);
      finalizeSession(s);
      expect(sessionLine(s)).toBe(csvLine(sessionFields(s)));
    }
  });

  it("keeps the field count when an out-of-range value is written", () => {
    const rng = new Rng(10);
    const s = sampleSession(rng, { timestamp: "2025-01-01 00:00:00.000000", hour: 0, dayOfWeek: 2 });
    finalizeSession(s);
    const fields = sessionFields(s);
    applyOutOfRange("out_of_range_startup_negative", fields, rng);
    const [parsed] = parse(csvLine(fields)) as string[][];
    expect(parsed).toHaveLength(OUTPUT_COLUMNS.length);
    expect(Number(parsed![7])).toBeLessThan(0);
  });
});
