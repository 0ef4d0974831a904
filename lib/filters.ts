import { z } from "zod";
import { COUNTRY_CODES, DEVICE_TYPES, ISPS, NETWORK_TYPES } from "@/db/constants";

/**
 * The one filter model of the dashboard: URL search params <-> typed filters. Shared by the
 * filter bar (client), the route handlers (validation) and the query layer (SQL in
 * db/queries/filters.ts). Every filter accepts several comma-separated values.
 */

export const FILTER_KEYS = [
  "device",
  "os",
  "osVersion",
  "app",
  "country",
  "isp",
  "pop",
  "network",
  "content",
] as const;
export type FilterKey = (typeof FILTER_KEYS)[number];

export const FILTER_LABELS: Record<FilterKey, string> = {
  device: "Device",
  os: "OS",
  osVersion: "OS version",
  app: "App version",
  country: "Country",
  isp: "ISP",
  pop: "CDN PoP",
  network: "Network",
  content: "Content",
};

const MAX_VALUES = 50;
const isoDate = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, "must be a date as YYYY-MM-DD")
  .refine(
    (s) =>
      !Number.isNaN(Date.parse(`${s}T00:00:00Z`)) && new Date(`${s}T00:00:00Z`).toISOString().startsWith(s),
    {
      message: "is not a valid calendar date",
    },
  );

function list<T extends z.ZodType<string, string>>(item: T) {
  return z
    .string()
    .transform((s) =>
      s
        .split(",")
        .map((v) => v.trim())
        .filter(Boolean),
    )
    .pipe(z.array(item).max(MAX_VALUES, `at most ${MAX_VALUES} values`))
    .optional();
}

const freeText = (what: string) => z.string().regex(/^[\w .()/+-]{1,60}$/, `is not a valid ${what}`);

export const filterValueSchemas = {
  device: list(z.enum(DEVICE_TYPES)),
  os: list(freeText("OS name")),
  osVersion: list(freeText("OS version")),
  app: list(z.string().regex(/^v\d{1,3}\.\d{1,3}\.\d{1,3}$/, "must look like v1.2.3")),
  country: list(z.enum(COUNTRY_CODES)),
  isp: list(z.enum(ISPS)),
  pop: list(z.string().regex(/^[A-Z]{2}-\d{1,2}$/, "must look like US-1")),
  network: list(z.enum(NETWORK_TYPES)),
  content: list(z.string().regex(/^content_\d{1,6}$/, "must look like content_42")),
} satisfies Record<FilterKey, z.ZodType>;

export const filtersSchema = z
  .object({ from: isoDate.optional(), to: isoDate.optional(), ...filterValueSchemas })
  .refine((f) => !f.from || !f.to || f.from <= f.to, { message: "from must not be after to", path: ["from"] })
  .refine((f) => !f.from || !f.to || (Date.parse(f.to) - Date.parse(f.from)) / 86_400_000 <= 3660, {
    message: "date range is limited to 10 years",
    path: ["to"],
  });

export type Filters = z.infer<typeof filtersSchema>;
/** Filters with the date range resolved (defaults applied on the server). */
export type ResolvedFilters = Filters & { from: string; to: string };

export type ParseResult<T> = { ok: true; value: T } | { ok: false; error: string };

/** Turns a zod error into one readable sentence naming the bad parameters. */
export function describeZodError(error: z.ZodError): string {
  return error.issues
    .map((issue) => {
      const where = issue.path.length ? `"${issue.path.join(".")}"` : "request";
      return `${where} ${issue.message}`;
    })
    .join("; ");
}

export function parseFilters(params: URLSearchParams): ParseResult<Filters> {
  const raw: Record<string, string> = {};
  for (const key of ["from", "to", ...FILTER_KEYS]) {
    const value = params.get(key);
    if (value !== null && value !== "") raw[key] = value;
  }
  const parsed = filtersSchema.safeParse(raw);
  return parsed.success
    ? { ok: true, value: parsed.data }
    : { ok: false, error: describeZodError(parsed.error) };
}

export function filtersToSearchParams(filters: Filters): URLSearchParams {
  const params = new URLSearchParams();
  if (filters.from) params.set("from", filters.from);
  if (filters.to) params.set("to", filters.to);
  for (const key of FILTER_KEYS) {
    const values = filters[key];
    if (values?.length) params.set(key, values.join(","));
  }
  return params;
}

export function activeFilterKeys(filters: Filters): FilterKey[] {
  return FILTER_KEYS.filter((k) => (filters[k]?.length ?? 0) > 0);
}

/** Days in the default date range: the last 30 days of the loaded data (not of the wall clock). */
export const DEFAULT_WINDOW_DAYS = 30;

/** Days between two ISO dates, inclusive. */
export function daysInRange(from: string, to: string): number {
  return Math.round((Date.parse(to) - Date.parse(from)) / 86_400_000) + 1;
}

export function shiftDate(date: string, days: number): string {
  return new Date(Date.parse(`${date}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);
}

/** The period of equal length that ends the day before `from`. */
export function previousPeriod(f: ResolvedFilters): ResolvedFilters {
  const days = daysInRange(f.from, f.to);
  return { ...f, from: shiftDate(f.from, -days), to: shiftDate(f.from, -1) };
}
