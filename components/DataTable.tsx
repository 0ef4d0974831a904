"use client";

import { useMemo, useState } from "react";
import { downloadCsv } from "@/lib/csv";
import { formatValue, type Unit } from "@/lib/format";

export type Column<Row> = {
  key: keyof Row & string;
  label: string;
  unit?: Unit;
  /** Cells are right-aligned numbers when a unit is set. */
  render?: (row: Row) => React.ReactNode;
};

type DataTableProps<Row> = {
  rows: Row[];
  columns: Column<Row>[];
  /** File name for the CSV download. */
  csvName: string;
  /** Rows the CSV holds when the table shows only the first few (default: the table's rows). */
  csvRows?: Row[];
  /** Columns the CSV holds (default: the table's), e.g. to add a code the table shows as a name. */
  csvColumns?: Column<Row>[];
  onRowClick?: (row: Row) => void;
  rowLabel?: (row: Row) => string;
  initialSort?: { key: keyof Row & string; desc: boolean };
  testId?: string;
};

function sortRows<Row extends Record<string, unknown>>(
  rows: Row[],
  sort: { key: keyof Row & string; desc: boolean } | null,
): Row[] {
  if (!sort) return rows;
  const collator = new Intl.Collator("en", { numeric: true });
  return [...rows].sort((a, b) => {
    const x = a[sort.key];
    const y = b[sort.key];
    const cmp =
      typeof x === "number" && typeof y === "number"
        ? x - y
        : collator.compare(String(x ?? ""), String(y ?? ""));
    return sort.desc ? -cmp : cmp;
  });
}

/** Sortable table with CSV download; clickable rows are buttons for keyboard users. */
export function DataTable<Row extends Record<string, unknown>>({
  rows,
  columns,
  csvName,
  csvRows,
  csvColumns,
  onRowClick,
  rowLabel,
  initialSort,
  testId,
}: DataTableProps<Row>) {
  const [sort, setSort] = useState(initialSort ?? null);
  const sorted = useMemo(() => sortRows(rows, sort), [rows, sort]);

  return (
    <div data-testid={testId ?? "data-table"}>
      <div className="mb-2 flex justify-end">
        <button
          type="button"
          data-testid="csv-download"
          onClick={() =>
            downloadCsv(csvName, csvRows ? sortRows(csvRows, sort) : sorted, csvColumns ?? columns)
          }
          className="rounded border border-slate-300 px-2 py-0.5 text-xs hover:bg-slate-100 dark:border-slate-700 dark:hover:bg-slate-800"
        >
          Download CSV
        </button>
      </div>
      <div className="overflow-x-auto">
        <table className="w-full text-left text-xs">
          <thead>
            <tr className="border-b border-slate-200 dark:border-slate-700">
              {columns.map((col) => {
                const active = sort?.key === col.key;
                return (
                  <th
                    key={col.key}
                    scope="col"
                    aria-sort={active ? (sort?.desc ? "descending" : "ascending") : "none"}
                    className={`px-2 py-1 font-medium ${col.unit ? "text-right" : ""}`}
                  >
                    <button
                      type="button"
                      onClick={() => setSort({ key: col.key, desc: active ? !sort?.desc : true })}
                      className="hover:underline"
                    >
                      {col.label}
                      {active ? (sort?.desc ? " ↓" : " ↑") : ""}
                    </button>
                  </th>
                );
              })}
            </tr>
          </thead>
          <tbody>
            {sorted.map((row, i) => (
              <tr
                key={i}
                data-testid="table-row"
                className={`border-b border-slate-100 dark:border-slate-800 ${onRowClick ? "cursor-pointer hover:bg-blue-50 dark:hover:bg-slate-800" : ""}`}
                onClick={onRowClick ? () => onRowClick(row) : undefined}
              >
                {columns.map((col, j) => (
                  <td key={col.key} className={`px-2 py-1 ${col.unit ? "text-right tabular-nums" : ""}`}>
                    {j === 0 && onRowClick ? (
                      <button
                        type="button"
                        className="text-left text-blue-700 underline dark:text-blue-300"
                        aria-label={rowLabel ? rowLabel(row) : `Open ${String(row[col.key])}`}
                        onClick={(e) => {
                          e.stopPropagation();
                          onRowClick(row);
                        }}
                      >
                        {col.render ? col.render(row) : String(row[col.key] ?? "")}
                      </button>
                    ) : col.render ? (
                      col.render(row)
                    ) : col.unit ? (
                      formatValue(row[col.key] as number | null, col.unit)
                    ) : (
                      String(row[col.key] ?? "")
                    )}
                  </td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </div>
  );
}
