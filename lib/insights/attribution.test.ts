import { describe, expect, it } from "vitest";
import { fitTwo } from "./attribution";

describe("fitTwo (how a finding's excess spreads)", () => {
  const sessions = [400, 300, 200, 100];
  const expected = [400 * 800, 300 * 1200, 200 * 1500, 100 * 2000];
  const weights = [1, 1, 1, 1];

  it("recognises an additive excess (+300 per session)", () => {
    const excess = sessions.map((n) => 300 * n);
    const [a, b] = fitTwo(excess, sessions, expected, weights)!;
    expect(a).toBeCloseTo(300, 6);
    expect(b).toBeCloseTo(0, 9);
  });

  it("recognises a multiplicative excess (x1.4)", () => {
    const excess = expected.map((e) => 0.4 * e);
    const [a, b] = fitTwo(excess, sessions, expected, weights)!;
    expect(a).toBeCloseTo(0, 6);
    expect(b).toBeCloseTo(0.4, 9);
  });

  it("never returns a negative coefficient", () => {
    const excess = [100, -50, 30, 10];
    const [a, b] = fitTwo(excess, sessions, expected, weights)!;
    expect(a).toBeGreaterThanOrEqual(0);
    expect(b).toBeGreaterThanOrEqual(0);
  });
});
