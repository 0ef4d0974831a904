import { Readable, Writable } from "node:stream";
import { pipeline } from "node:stream/promises";
import { describe, expect, it } from "vitest";
import { type ColumnPlan, CsvToCopy, copyColumnList, copyEscape, splitCsvRecord } from "./csv-to-copy";
import { planColumns } from "./extract";

/** The byte-level CSV -> COPY transform, fed whole and one byte at a time. */

const plan = (header: string[]): ColumnPlan => ({
  header,
  targets: header.map((h) => (h === "junk" ? null : h)),
  copyColumns: header.filter((h) => h !== "junk"),
});

async function convert(
  input: string | Buffer,
  p: ColumnPlan,
  chunkSize = 1 << 20,
): Promise<{ lines: string[][]; t: CsvToCopy }> {
  const bytes = typeof input === "string" ? Buffer.from(input, "utf8") : input;
  const chunks: Buffer[] = [];
  for (let i = 0; i < bytes.length; i += chunkSize) chunks.push(bytes.subarray(i, i + chunkSize));
  const t = new CsvToCopy(p, { runId: 7, fileNo: 2 });
  let out = "";
  await pipeline(
    Readable.from(chunks),
    t,
    new Writable({
      write(c, _e, cb) {
        out += c.toString("utf8");
        cb();
      },
    }),
  );
  return {
    lines: out
      .split("\n")
      .filter((l) => l.length > 0)
      .map((l) => l.split("\t")),
    t,
  };
}

const CSV = [
  "a,b,c",
  "1,plain,3",
  '2,"quoted, with comma",4',
  '3,"doubled ""quotes"" here",5',
  '4,"multi',
  'line",6',
  "",
  "5,back\\slash\ttab,7",
  "6,too,many,fields",
  "7,ünïcødé ✓,8\r",
  "8,,",
  '9,"unneeded",10',
  '10,a"b,11',
].join("\n");

describe("CsvToCopy", () => {
  it("emits run, file, line, fields, raw row and field count per record", async () => {
    for (const chunkSize of [1 << 20, 1, 3, 7]) {
      const { lines, t } = await convert(CSV, plan(["a", "b", "c"]), chunkSize);
      expect(lines, `chunk ${chunkSize}`).toEqual([
        // Rows a minimal-quoting writer would produce send no raw text (\\N): it is rebuilt if needed.
        ["7", "2", "2", "1", "plain", "3", "\\N", "3"],
        ["7", "2", "3", "2", "quoted, with comma", "4", "\\N", "3"],
        ["7", "2", "4", "3", 'doubled "quotes" here', "5", "\\N", "3"],
        ["7", "2", "5", "4", "multi\\nline", "6", "\\N", "3"],
        ["7", "2", "8", "5", "back\\\\slash\\ttab", "7", "\\N", "3"],
        ["7", "2", "9", "\\N", "\\N", "\\N", "6,too,many,fields", "4"],
        ["7", "2", "10", "7", "ünïcødé ✓", "8", "\\N", "3"],
        ["7", "2", "11", "8", "", "", "\\N", "3"],
        // Quotes nobody needed, and a stray quote: the raw text travels as is.
        ["7", "2", "12", "9", "unneeded", "10", '9,"unneeded",10', "3"],
        ["7", "2", "13", "10", 'a"b', "11", '10,a"b,11', "3"],
      ]);
      expect(t.stats).toEqual({ rows: 10, blankLines: 1, wrongColumnCount: 1 });
    }
  });

  it("drops unknown columns and puts fields in COPY column order", async () => {
    const p = plan(["a", "junk", "c"]);
    expect(copyColumnList(p)).toEqual([
      "run_id",
      "file_no",
      "line_number",
      "a",
      "c",
      "raw_row",
      "field_count",
    ]);
    const { lines } = await convert('a,junk,c\n1,"x,y",3\n', p);
    expect(lines).toEqual([["7", "2", "2", "1", "3", '1,"x,y",3', "3"]]); // raw kept: a column was dropped
  });

  it("refuses NUL bytes (binary data)", async () => {
    await expect(convert("a,b\n1,\u0000\n", plan(["a", "b"]))).rejects.toThrow(/NUL bytes/);
  });
});

describe("helpers", () => {
  it("splitCsvRecord and copyEscape", () => {
    expect(splitCsvRecord('a,"b,c",,"d""e"')).toEqual(["a", "b,c", "", 'd"e']);
    expect(splitCsvRecord("a,")).toEqual(["a", ""]);
    expect(copyEscape("a\tb\\c\nd")).toBe("a\\tb\\\\c\\nd");
  });

  it("planColumns refuses missing and repeated columns, warns on unknown ones", () => {
    expect(() => planColumns(["session_id"])).toThrow(/missing required columns user_id, timestamp/);
    const cols = [
      "session_id",
      "user_id",
      "timestamp",
      "device_type",
      "os_version",
      "app_version",
      "content_id",
      "startup_time_ms",
      "rebuffer_count",
      "rebuffer_duration_ms",
      "bitrate_kbps",
      "resolution",
      "frames_dropped",
      "session_duration_sec",
      "network_type",
      "country_code",
      "isp",
      "cdn_pop",
    ];
    expect(() => planColumns([...cols, "isp"])).toThrow(/appears twice/);
    const { plan: p, warnings } = planColumns(["\uFEFFsession_id", ...cols.slice(1), "extra"]);
    expect(p.copyColumns).toEqual(cols);
    expect(warnings).toEqual(["unknown column(s) ignored: extra"]);
  });

  describe("malformed input: skipped when harmless, refused naming the line when not", () => {
    const abc = plan(["a", "b", "c"]);

    it("white-space lines before the header are skipped, as preflight skips them", async () => {
      const { lines } = await convert("  \t\r\n\na,b,c\n1,x,3\n", abc);
      expect(lines).toHaveLength(1);
      expect(lines[0].slice(2, 6)).toEqual(["4", "1", "x", "3"]);
    });

    it("a quote inside a field is data: the next lines stay records of their own", async () => {
      for (const size of [1 << 20, 1]) {
        const { lines } = await convert('a,b,c\n1,v10".2,3\n2,x,4\n3,y,5\n', abc, size);
        expect(lines.map((l) => l[2])).toEqual(["2", "3", "4"]);
        expect(lines[0][4]).toBe('v10".2');
      }
    });

    it("a quoted field left open", async () => {
      for (const size of [1 << 20, 3]) {
        await expect(convert('a,b,c\n1,x,3\n2,"open,4\n3,y,5\n4,x,"z"\n', abc, size)).rejects.toThrow(
          /^line 3: a quoted field is not closed \(the record runs over 3 lines/,
        );
      }
    });

    it("a quote left open in the last column, with no quote after it to close it", async () => {
      for (const size of [1 << 20, 3]) {
        await expect(convert('a,b,c\n1,x,3\n2,y,"4\n3,y,5\n4,z,6\n', abc, size)).rejects.toThrow(
          /^line 3: a quoted field is not closed \(the record runs over \d lines and has 3 fields/,
        );
      }
    });

    it("a closed multi-line field in a row of the wrong width is that row's problem, not the file's", async () => {
      for (const size of [1 << 20, 3]) {
        const { lines, t } = await convert('a,b,c\n1,"two\nlines",3,extra\n2,x,4\n', abc, size);
        expect(lines.map((l) => [l[2], l.at(-1)])).toEqual([
          ["2", "4"],
          ["4", "3"],
        ]);
        expect(t.stats.wrongColumnCount).toBe(1);
      }
    });

    it("a byte-order mark before blank lines is not the header; white-space lines are blank", async () => {
      const { lines, t } = await convert("\uFEFF\r\na,b,c\n1,x,3\n  \t \n2,y,4\n", abc);
      expect(lines.map((l) => l.slice(2, 6))).toEqual([
        ["3", "1", "x", "3"],
        ["5", "2", "y", "4"],
      ]);
      expect(t.stats.blankLines).toBe(1);
    });

    it("bytes that are not UTF-8 (a Latin-1 file)", async () => {
      const latin1 = Buffer.concat([
        Buffer.from("a,b,c\n1,ok,3\n2,caf"),
        Buffer.from([0xe9]),
        Buffer.from(",4\n"),
      ]);
      for (const size of [1 << 20, 1]) {
        await expect(convert(latin1, abc, size)).rejects.toThrow("line 3: bytes that are not UTF-8 text");
      }
    });
  });
});
