import { describe, expect, it } from "vitest";
import { dateKey, isoDate } from "./filters";

describe("date keys", () => {
  it("turn ISO dates into yyyymmdd integers and back", () => {
    expect(dateKey("2026-10-31")).toBe(20261031);
    expect(isoDate(20260105)).toBe("2026-01-05");
    for (const day of ["2024-02-29", "2026-12-31", "1999-01-01"]) expect(isoDate(dateKey(day))).toBe(day);
  });
});
