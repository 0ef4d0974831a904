import { readdir } from "node:fs/promises";
import path from "node:path";

/**
 * Every API route under app/api/**\/route.ts, found on disk (so a new endpoint is benchmarked
 * without editing the bench), with the endpoint-specific parameter sets it is called with.
 */

export type RouteModule = { GET: (request: Request) => Promise<Response> };
export type BenchRoute = { endpoint: string; file: string };
export type EndpointCall = {
  endpoint: string;
  label: string;
  params: Record<string, string>;
  filtered: boolean;
};

/**
 * Routes the bench leaves out: health is not an analytics query; "[...path]" is the JSON 404 for
 * unknown API paths; insights has bench:insights.
 */
const EXCLUDED = new Set(["health", "[...path]"]);
export const EXPENSIVE = new Set(["insights"]);

async function walk(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { withFileTypes: true });
  const nested = await Promise.all(
    entries.map((e) =>
      e.isDirectory() ? walk(path.join(dir, e.name)) : Promise.resolve([path.join(dir, e.name)]),
    ),
  );
  return nested.flat();
}

export async function discoverRoutes(root: string, includeExpensive: boolean): Promise<BenchRoute[]> {
  const apiDir = path.join(root, "app", "api");
  const files = (await walk(apiDir)).filter((f) => path.basename(f) === "route.ts");
  return files
    .map((file) => ({ endpoint: path.relative(apiDir, path.dirname(file)).split(path.sep).join("/"), file }))
    .filter(({ endpoint }) => {
      const top = endpoint.split("/")[0];
      return !EXCLUDED.has(top) && (includeExpensive || !EXPENSIVE.has(top));
    })
    .sort((a, b) => a.endpoint.localeCompare(b.endpoint));
}

/** Parameter sets beyond the filters (metric selectors, breakdowns, grains, run ids). */
const VARIANTS: Record<string, Record<string, string>[]> = {
  "startup/percentiles": [{ by: "device" }, { by: "network" }],
  "startup/trend": [{ grain: "day" }, { grain: "hour" }],
  "rebuffering/breakdown": [{ by: "device" }, { by: "network" }],
  "rebuffering/trend": [{ grain: "day" }, { grain: "hour" }],
  "bitrate/breakdown": [{ by: "device" }, { by: "network" }],
  "bitrate/resolution-mix": [{ by: "device" }, { by: "network" }],
  "countries/breakdown": [
    { code: "BR", by: "isp" },
    { code: "BR", by: "pop" },
    { code: "BR", by: "ispPop" },
  ],
  "devices/breakdown": [
    { deviceType: "mobile", by: "os" },
    { deviceType: "mobile", by: "osVersion" },
    { deviceType: "smart_tv", by: "app" },
  ],
};

/** Endpoints that describe the warehouse or the pipeline, not sessions: no dashboard filters. */
const UNFILTERED = new Set(["meta/range", "pipeline/runs", "pipeline/run", "pipeline/rejects"]);

export function callsFor(endpoint: string, latestRunId: number | null): EndpointCall[] {
  if (endpoint.startsWith("pipeline/")) {
    const run: Record<string, string> = latestRunId === null ? {} : { run: String(latestRunId) };
    const params: Record<string, string> = endpoint === "pipeline/runs" ? { limit: "50" } : run;
    return [{ endpoint, label: endpoint, params, filtered: false }];
  }
  const variants = VARIANTS[endpoint] ?? [{}];
  return variants.map((params) => {
    const suffix = Object.values(params).join(",");
    return {
      endpoint,
      label: suffix ? `${endpoint}?${suffix}` : endpoint,
      params,
      filtered: !UNFILTERED.has(endpoint),
    };
  });
}
