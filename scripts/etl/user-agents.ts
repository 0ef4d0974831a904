import { Readable } from "node:stream";
import { pipeline } from "node:stream/promises";
import type { TransactionSql } from "postgres";
import { UAParser } from "ua-parser-js";
import { copyEscape } from "./csv-to-copy";

/**
 * User-agent parsing, once per DISTINCT string: the strings of this run not yet in etl_user_agents
 * are read, parsed in Node with ua-parser-js and bulk-loaded back with COPY. Facts then reach their
 * device through a join on the raw string, never a per-row call.
 */

export type ParsedAgent = {
  osName: string;
  osVersion: string;
  browserName: string;
  manufacturer: string;
  model: string;
};

const UNKNOWN = "unknown";
/** Values such as "iOS 15.3" or "Android 12" (an OS and version rather than a full user agent). */
const PLAIN_OS = /^\s*([A-Za-z][A-Za-z ]*?)\s+v?(\d+(?:[._]\d+)*)\s*$/;

const parser = new UAParser();

export function parseUserAgent(raw: string): ParsedAgent {
  parser.setUA(raw);
  const os = parser.getOS();
  const browser = parser.getBrowser();
  const device = parser.getDevice();
  let osName = os.name ?? UNKNOWN;
  let osVersion = os.version ?? UNKNOWN;
  if (!os.name) {
    const plain = PLAIN_OS.exec(raw);
    if (plain) {
      osName = plain[1];
      osVersion = plain[2].replaceAll("_", ".");
    }
  }
  return {
    osName,
    osVersion,
    browserName: browser.name ?? UNKNOWN,
    manufacturer: device.vendor ?? UNKNOWN,
    model: device.model ?? UNKNOWN,
  };
}

const BATCH = 20000;

/**
 * Parses and stores every user agent of etl_clean missing from etl_user_agents; returns how many.
 * Works in id-numbered batches (select, parse, COPY) so memory stays bounded even when every
 * session carries its own user agent, as in the seed's data.
 */
export async function cacheUserAgents(tx: TransactionSql): Promise<number> {
  const created = await tx.unsafe(`
    create temp table etl_new_agents on commit drop as
    select (row_number() over ())::int as id, d.user_agent
    from (select distinct c.user_agent from etl_dim_values c
          where c.user_agent is not null
            and not exists (select 1 from etl_user_agents u where u.user_agent = c.user_agent)) d`);
  const total = created.count;
  if (total === 0) return 0;
  if (total > BATCH) await tx.unsafe("create index on etl_new_agents (id)");
  for (let from = 1; from <= total; from += BATCH) {
    const rows = await tx<{ user_agent: string }[]>`
      select user_agent from etl_new_agents where id >= ${from} and id < ${from + BATCH}`;
    const text = rows
      .map(({ user_agent }) => {
        const a = parseUserAgent(user_agent);
        return `${[user_agent, a.osName, a.osVersion, a.browserName, a.manufacturer, a.model].map(copyEscape).join("\t")}\n`;
      })
      .join("");
    const copy =
      await tx`copy etl_user_agents (user_agent, os_name, os_version, browser_name, manufacturer, model) from stdin`.writable();
    await pipeline(Readable.from([text]), copy);
  }
  return total;
}
