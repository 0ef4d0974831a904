import { describe, expect, it } from "vitest";
import { csvHeader, roundForUnit, toCsv } from "./csv";
import { formatValue, UNIT_DECIMALS, type Unit } from "./format";

describe("toCsv", () => {
  it("quotes fields with commas, quotes and newlines and leaves others bare", () => {
    const csv = toCsv(
      [
        { a: "plain", b: 'say "hi", ok', c: null },
        { a: "x\ny", b: 3, c: 1.5 },
      ],
      [
        { key: "a", label: "A" },
        { key: "b", label: "B, quoted" },
        { key: "c", label: "C" },
      ],
    );
    expect(csv).toBe('A,"B, quoted",C\nplain,"say ""hi"", ok",\n"x\ny",3,1.5');
  });

  it("labels headers with their unit and rounds numbers as the table shows them, without grouping", () => {
    const csv = toCsv(
      [{ n: 12345, p95: 12345.678, ratio: 1.23456, qoe: 71.26, kbps: 4321.5, rate: 0.12345 }],
      [
        { key: "n", label: "Sessions", unit: "count" },
        { key: "p95", label: "p95 startup", unit: "ms" },
        { key: "ratio", label: "Rebuffer ratio", unit: "pct" },
        { key: "qoe", label: "QoE", unit: "score" },
        { key: "kbps", label: "Avg bitrate", unit: "kbps" },
        { key: "rate", label: "Stalls", unit: "perMin" },
      ],
    );
    expect(csv).toBe(
      "Sessions,p95 startup (ms),Rebuffer ratio (%),QoE,Avg bitrate (kbps),Stalls (per min)\n12345,12346,1.23,71.3,4322,0.123",
    );
  });

  it("keeps a unit the label already names, and neutralises text that a spreadsheet would run", () => {
    expect(csvHeader({ key: "w", label: "Avg watch time (min)", unit: "score" })).toBe(
      "Avg watch time (min)",
    );
    expect(
      toCsv(
        [{ isp: "=HYPERLINK(1)", d: -2 }],
        [
          { key: "isp", label: "ISP" },
          { key: "d", label: "D" },
        ],
      ),
    ).toBe("ISP,D\n'=HYPERLINK(1),-2");
  });

  it("rounds each unit as the table shows it (one rule for both)", () => {
    for (const unit of Object.keys(UNIT_DECIMALS) as Unit[]) {
      const shown = Number.parseFloat(formatValue(123.456789, unit).replaceAll(",", ""));
      expect(roundForUnit(123.456789, unit), unit).toBe(shown);
    }
  });
});
