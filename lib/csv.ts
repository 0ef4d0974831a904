import { UNIT_DECIMALS, type Unit } from "./format";

/** A CSV column: the row key it reads, and the table's label and unit for its header. */
export type CsvColumn = { key: string; label: string; unit?: Unit };

/** Units named in headers; counts and scores need none. */
const UNIT_HEADER: Record<Unit, string | null> = {
  count: null,
  score: null,
  ms: "ms",
  sec: "s",
  pct: "%",
  kbps: "kbps",
  perMin: "per min",
  hours: "h",
};

/** A unit as a header names it ("ms", "%"), or null for plain numbers (counts, scores). */
export function unitLabel(unit: Unit): string | null {
  return UNIT_HEADER[unit];
}

/** The header a spreadsheet shows: the table's label, with the unit unless the label names it. */
export function csvHeader(column: CsvColumn): string {
  const unit = column.unit ? UNIT_HEADER[column.unit] : null;
  const named = column.label.endsWith(")") || (column.unit === "perMin" && /per min/i.test(column.label));
  return unit && !named ? `${column.label} (${unit})` : column.label;
}

/** A number as the table shows it for its unit, still a number (for CSV rows built by hand). */
export function roundForUnit(value: number | null, unit: Unit): number | null {
  return value === null ? null : Number(value.toFixed(UNIT_DECIMALS[unit]));
}

function csvValue(value: unknown, unit: Unit | undefined): string {
  if (value === null || value === undefined) return "";
  if (typeof value === "number") {
    if (!Number.isFinite(value)) return "";
    // Plain digits (no grouping, no unit text) so a spreadsheet reads a number.
    return String(unit ? roundForUnit(value, unit) : value);
  }
  const text = String(value);
  // Telemetry text (an ISP, a title) starting like a formula would run as one in a spreadsheet.
  return /^[=+\-@\t\r]/.test(text) ? `'${text}` : text;
}

const quote = (text: string) => (/[",\n\r]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text);

/** RFC 4180 CSV of a table: labelled headers, numbers rounded as the table shows them. */
export function toCsv(rows: Record<string, unknown>[], columns: CsvColumn[]): string {
  return [
    columns.map((c) => quote(csvHeader(c))).join(","),
    ...rows.map((row) => columns.map((c) => quote(csvValue(row[c.key], c.unit))).join(",")),
  ].join("\n");
}

export function downloadCsv(filename: string, rows: Record<string, unknown>[], columns: CsvColumn[]): void {
  const blob = new Blob([toCsv(rows, columns)], { type: "text/csv;charset=utf-8" });
  const url = URL.createObjectURL(blob);
  const link = document.createElement("a");
  link.href = url;
  link.download = filename.endsWith(".csv") ? filename : `${filename}.csv`;
  link.click();
  URL.revokeObjectURL(url);
}
