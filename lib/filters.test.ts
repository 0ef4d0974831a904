import { describe, expect, it } from "vitest";
import { defaultWindowStart, parseFilters, parseValidFilters } from "./filters";

const params = (query: string) => new URLSearchParams(query);

describe("parseFilters", () => {
  it("reads comma lists and repeated params as one list", () => {
    const parsed = parseFilters(params("device=mobile,web&country=BR&country=DE"));
    expect(parsed).toEqual({ ok: true, value: { device: ["mobile", "web"], country: ["BR", "DE"] } });
  });

  it("names a repeated date as such", () => {
    expect(parseFilters(params("from=2026-11-01&from=2026-11-05"))).toEqual({
      ok: false,
      error: '"from" must be one date as YYYY-MM-DD',
    });
  });

  it("reads country codes in any case", () => {
    expect(parseFilters(params("country=br,De"))).toEqual({ ok: true, value: { country: ["BR", "DE"] } });
  });

  it("names the bad parameter and the allowed values", () => {
    const parsed = parseFilters(params("device=toaster"));
    expect(parsed).toEqual({ ok: false, error: '"device" must be one of smart_tv, mobile, web, tablet' });
  });

  it("refuses a range that ends before it starts", () => {
    expect(parseFilters(params("from=2026-11-20&to=2026-11-10"))).toEqual({
      ok: false,
      error: '"from" must not be after "to"',
    });
  });
});

describe("parseValidFilters", () => {
  it("keeps every valid filter and names the one it drops", () => {
    const { value, error } = parseValidFilters(
      params("from=2026-11-01&to=2026-11-07&device=toaster&country=BR&network=wifi"),
    );
    expect(value).toEqual({ from: "2026-11-01", to: "2026-11-07", country: ["BR"], network: ["wifi"] });
    expect(error).toContain('"device"');
  });

  it("drops both dates when together they make no range, and keeps the other filters", () => {
    const { value, error } = parseValidFilters(params("from=2026-11-20&to=2026-11-10&device=mobile"));
    expect(value).toEqual({ device: ["mobile"] });
    expect(error).toBe('"from" must not be after "to"');
  });

  it("keeps the valid date when the other is not a date", () => {
    const { value, error } = parseValidFilters(params("from=2024-13-45&to=2026-11-10"));
    expect(value).toEqual({ to: "2026-11-10" });
    expect(error).toBe('"from" is not a valid calendar date');
  });

  it("reports nothing for a valid URL", () => {
    expect(parseValidFilters(params("os=iOS"))).toEqual({ value: { os: ["iOS"] }, error: null });
  });
});

describe("defaultWindowStart", () => {
  it("counts back 30 days, but not before the first loaded day", () => {
    expect(defaultWindowStart("2026-10-31", "2026-01-01")).toBe("2026-10-02");
    expect(defaultWindowStart("2026-10-31", "2026-10-20")).toBe("2026-10-20");
    expect(defaultWindowStart("2026-10-31", null)).toBe("2026-10-02");
  });

  it("keeps a full window before the data when it ends before the first loaded day", () => {
    expect(defaultWindowStart("2026-10-10", "2026-10-20")).toBe("2026-09-11");
  });
});
