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
  // One date: a repeated from/to arrives joined ("a,b") and is named as such, not as a bad calendar date.
  .regex(/^\d{4}-\d{2}-\d{2}$/, { message: "must be one date as YYYY-MM-DD", abort: true })
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

/** One of a fixed list, and the message says which. */
const oneOf = <T extends readonly [string, ...string[]]>(values: T) =>
  z.enum(values, { message: `must be one of ${values.join(", ")}` });

export const filterValueSchemas = {
  device: list(oneOf(DEVICE_TYPES)),
  os: list(freeText("OS name")),
  osVersion: list(freeText("OS version")),
  app: list(z.string().regex(/^v\d{1,3}\.\d{1,3}\.\d{1,3}$/, "must look like v1.2.3")),
  // Codes in any case, as the /countries/[code] pages take them (br is BR).
  country: list(
    z
      .string()
      .transform((code) => code.toUpperCase())
      .pipe(oneOf(COUNTRY_CODES)),
  ),
  isp: list(oneOf(ISPS)),
  pop: list(z.string().regex(/^[A-Z]{2}-\d{1,2}$/, "must look like US-1")),
  network: list(oneOf(NETWORK_TYPES)),
  content: list(z.string().regex(/^content_\d{1,6}$/, "must look like content_42")),
} satisfies Record<FilterKey, z.ZodType>;

const paramSchemas = { from: isoDate.optional(), to: isoDate.optional(), ...filterValueSchemas };
type ParamKey = keyof typeof paramSchemas;
const PARAM_KEYS = Object.keys(paramSchemas) as ParamKey[];

export const filtersSchema = z
  .object(paramSchemas)
  .refine((f) => !f.from || !f.to || f.from <= f.to, { message: 'must not be after "to"', path: ["from"] })
  // (A date that is not one is reported on its own, not as a range that is too long.)
  .refine((f) => !f.from || !f.to || !((Date.parse(f.to) - Date.parse(f.from)) / 86_400_000 > 3660), {
    message: "date range is limited to 10 years",
    path: ["to"],
  });

export type Filters = z.infer<typeof filtersSchema>;
/** Filters with the date range resolved (defaults applied on the server). */
export type ResolvedFilters = Filters & { from: string; to: string };

export type ParseResult<T> = { ok: true; value: T } | { ok: false; error: string };

/**
 * Turns a zod error into one readable sentence naming the bad parameters (a list filter's value
 * is named by its parameter: "device" rather than "device.0").
 */
export function describeZodError(error: z.ZodError): string {
  return error.issues
    .map((issue) => {
      const key = issue.path.find((part) => typeof part === "string");
      const where = key !== undefined ? `"${key}"` : "request";
      return `${where} ${issue.message}`;
    })
    .join("; ");
}

/** The filter params of a URL; a repeated param (device=a&device=b) counts as a list (a,b). */
function rawFilterParams(params: URLSearchParams): Partial<Record<ParamKey, string>> {
  const raw: Partial<Record<ParamKey, string>> = {};
  for (const key of PARAM_KEYS) {
    const values = params.getAll(key).filter((v) => v !== "");
    if (values.length > 0) raw[key] = values.join(",");
  }
  return raw;
}

export function parseFilters(params: URLSearchParams): ParseResult<Filters> {
  const parsed = filtersSchema.safeParse(rawFilterParams(params));
  return parsed.success
    ? { ok: true, value: parsed.data }
    : { ok: false, error: describeZodError(parsed.error) };
}

/**
 * For a page opened from a URL with some bad params: the valid filters (each param checked on
 * its own; the dates dropped together when they make no range) and why the others were dropped.
 * A pasted link with one typo still shows the view it asked for, minus that param.
 */
export function parseValidFilters(params: URLSearchParams): { value: Filters; error: string | null } {
  const strict = parseFilters(params);
  if (strict.ok) return { value: strict.value, error: null };
  const valid: Partial<Record<ParamKey, string>> = {};
  for (const [key, raw] of Object.entries(rawFilterParams(params)) as [ParamKey, string][]) {
    if (paramSchemas[key].safeParse(raw).success) valid[key] = raw;
  }
  let parsed = filtersSchema.safeParse(valid);
  if (!parsed.success) parsed = filtersSchema.safeParse({ ...valid, from: undefined, to: undefined });
  return { value: parsed.success ? parsed.data : {}, error: strict.error };
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

/**
 * Start of the default window ending on `to`: DEFAULT_WINDOW_DAYS back, but not before the first
 * loaded day, unless the window ends before that day (then it stays a full window before the
 * data, empty, rather than collapsing onto the first day). Used by the server and the pickers.
 */
export function defaultWindowStart(to: string, firstLoadedDay: string | null): string {
  const earliest = shiftDate(to, -(DEFAULT_WINDOW_DAYS - 1));
  return firstLoadedDay && firstLoadedDay > earliest && firstLoadedDay <= to ? firstLoadedDay : earliest;
}

/** The period of equal length that ends the day before `from`. */
export function previousPeriod(f: ResolvedFilters): ResolvedFilters {
  const days = daysInRange(f.from, f.to);
  return { ...f, from: shiftDate(f.from, -days), to: shiftDate(f.from, -1) };
}
