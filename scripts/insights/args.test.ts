import { describe, expect, it } from "vitest";
import { DEFAULT_ENGINE_OPTIONS } from "../../lib/insights/engine";
import { parseCliArgs } from "./args";

describe("insights CLI arguments", () => {
  it("defaults the materiality floor to the engine's and accepts 0", () => {
    expect(parseCliArgs([]).minImpactShare).toBe(DEFAULT_ENGINE_OPTIONS.minImpactShare);
    expect(parseCliArgs(["--min-impact-share", "0"]).minImpactShare).toBe(0);
  });

  it("refuses a share outside 0..1 or not a number, naming the flag", () => {
    expect(() => parseCliArgs(["--min-impact-share", "2"])).toThrow(/--min-impact-share must be at most 1/);
    expect(() => parseCliArgs(["--min-impact-share", "lots"])).toThrow(/--min-impact-share must be a number/);
  });
});
