/**
 * CSV output in the exact dialect of the seed file (Python's csv module / pandas `to_csv`):
 * comma separator, LF line ends, a field is quoted only when it contains a comma, a double quote or
 * a line break, and inner quotes are doubled. Empty values are written as nothing.
 */
import { EXTENSION_COLUMNS, SEED_COLUMNS } from "../../db/constants";
import { UA_CATALOG, type UaEntry } from "./catalog";
import type { Session } from "./model";

export const OUTPUT_COLUMNS: readonly string[] = [...SEED_COLUMNS, ...EXTENSION_COLUMNS];

const NEEDS_QUOTES = /[",\r\n]/;

export function csvField(value: string): string {
  return NEEDS_QUOTES.test(value) ? `"${value.replaceAll('"', '""')}"` : value;
}

export function csvLine(fields: readonly string[]): string {
  let line = csvField(fields[0] ?? "");
  for (let i = 1; i < fields.length; i++) line += `,${csvField(fields[i]!)}`;
  return `${line}\n`;
}

export const HEADER_LINE = csvLine(OUTPUT_COLUMNS);

/** Column positions, so dirty-row code can address fields by name. */
export const COLUMN_INDEX: Readonly<Record<string, number>> = Object.fromEntries(
  OUTPUT_COLUMNS.map((name, i) => [name, i]),
);

const quotedUa = new Map<UaEntry, string>(
  Object.values(UA_CATALOG)
    .flat()
    .map((entry) => [entry, csvField(entry.ua)]),
);

/**
 * The CSV line of a finalized session: the hot path. Only the user agent can need quoting (ids,
 * enums and numbers never contain commas or quotes), and catalog UAs are quoted once up front.
 */
export function sessionLine(s: Session): string {
  return `${s.sessionId},${s.userId},${s.timestamp},${s.deviceType},${quotedUa.get(s.ua) ?? csvField(s.ua.ua)},${s.appVersion},${s.contentId},${s.startupMs},${s.rebufferCount},${s.rebufferDurationMs},${s.bitrateKbps},${s.resolution},${s.framesDropped},${s.sessionDurationSec},${s.networkType},${s.countryCode},${s.isp},${s.cdnPop},${s.hour},${s.dayOfWeek},${s.videoStartFailure},${s.errorOccurred}\n`;
}

/** A finalized session as raw (unquoted) field values, in OUTPUT_COLUMNS order. */
export function sessionFields(s: Session): string[] {
  return [
    s.sessionId,
    s.userId,
    s.timestamp,
    s.deviceType,
    s.ua.ua,
    s.appVersion,
    s.contentId,
    String(s.startupMs),
    String(s.rebufferCount),
    String(s.rebufferDurationMs),
    String(s.bitrateKbps),
    s.resolution,
    String(s.framesDropped),
    String(s.sessionDurationSec),
    s.networkType,
    s.countryCode,
    s.isp,
    s.cdnPop,
    String(s.hour),
    String(s.dayOfWeek),
    String(s.videoStartFailure),
    String(s.errorOccurred),
  ];
}
