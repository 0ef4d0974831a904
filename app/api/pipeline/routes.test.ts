import { describe, expect, it } from "vitest";
import { GET as countryBreakdown } from "../countries/breakdown/route";
import { GET as deviceBreakdown } from "../devices/breakdown/route";
import { GET as engagementHourly } from "../engagement/hourly/route";
import { GET as rejects } from "./rejects/route";
import { GET as run } from "./run/route";
import { GET as runs } from "./runs/route";

/**
 * Bad parameters of this helper's endpoints are refused with a 400 naming the parameter, before
 * any query runs (so no database is needed here; the queries have their own tests).
 */
async function reason(handler: (r: Request) => Promise<Response>, url: string): Promise<[number, string]> {
  const response = await handler(new Request(`http://localhost${url}`));
  const body = (await response.json()) as { error?: string };
  return [response.status, body.error ?? ""];
}

describe("endpoint parameter validation", () => {
  it.each([
    [deviceBreakdown, "/api/devices/breakdown?deviceType=toaster&by=os", '"deviceType" must be one of'],
    [
      deviceBreakdown,
      "/api/devices/breakdown?deviceType=web&by=colour",
      '"by" must be one of os, osVersion, app',
    ],
    [deviceBreakdown, "/api/devices/breakdown?deviceType=web&by=os&from=2024-13-45", '"from" is not a valid'],
    [countryBreakdown, "/api/countries/breakdown?code=XX&by=isp", '"code" must be one of US'],
    [
      countryBreakdown,
      "/api/countries/breakdown?code=US&by=isp&country=XX",
      '"country" must be one of US, BR',
    ],
    [engagementHourly, "/api/engagement/hourly?device=toaster", '"device" must be one of smart_tv'],
    [run, "/api/pipeline/run?run=abc", '"run" must be a number'],
    [run, "/api/pipeline/run?run=0", '"run" must be a positive run id'],
    [rejects, "/api/pipeline/rejects?run=2&examples=99", '"examples" must be at most 20'],
    [runs, "/api/pipeline/runs?limit=-1", '"limit" must be at least 1'],
  ] as const)("%#: %s", async (handler, url, expected) => {
    const [status, error] = await reason(handler, url);
    expect(status).toBe(400);
    expect(error).toContain(expected);
  });
});
