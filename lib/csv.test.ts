import { describe, expect, it } from "vitest";
import { toCsv } from "./csv";

describe("toCsv", () => {
  it("quotes fields with commas, quotes and newlines and leaves others bare", () => {
    const csv = toCsv([
      { a: "plain", b: 'say "hi", ok', c: null },
      { a: "x\ny", b: 3, c: 1.5 },
    ]);
    expect(csv).toBe('a,b,c\nplain,"say ""hi"", ok",\n"x\ny",3,1.5');
  });
  it("uses the given column order", () => {
    expect(toCsv([{ a: 1, b: 2 }], ["b", "a"])).toBe("b,a\n2,1");
  });
});
