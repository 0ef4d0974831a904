import { describe, expect, it } from "vitest";
import { logGamma, Rng, WeightedTable } from "./prng";

function stats(values: number[]) {
  const mean = values.reduce((a, b) => a + b, 0) / values.length;
  const variance = values.reduce((a, b) => a + (b - mean) ** 2, 0) / (values.length - 1);
  return { mean, variance };
}

describe("Rng", () => {
  it("repeats its sequence for the same seed and stream, and differs otherwise", () => {
    const draw = (seed: number, stream: number) => {
      const rng = new Rng(seed, stream);
      return Array.from({ length: 20 }, () => rng.nextUint32());
    };
    expect(draw(42, 0)).toEqual(draw(42, 0));
    expect(draw(42, 0)).not.toEqual(draw(43, 0));
    expect(draw(42, 0)).not.toEqual(draw(42, 1));
    expect(draw(0, 0)).not.toEqual(draw(0, 1));
  });

  it("draws uniforms in [0, 1) with the right mean, and inclusive integer ranges", () => {
    const rng = new Rng(1);
    const u = Array.from({ length: 50_000 }, () => rng.uniform());
    expect(Math.min(...u)).toBeGreaterThanOrEqual(0);
    expect(Math.max(...u)).toBeLessThan(1);
    expect(stats(u).mean).toBeCloseTo(0.5, 2);
    const ints = new Set(Array.from({ length: 5_000 }, () => rng.int(1, 5)));
    expect([...ints].sort()).toEqual([1, 2, 3, 4, 5]);
  });

  it("draws normals with the requested mean and sd", () => {
    const rng = new Rng(2);
    const { mean, variance } = stats(Array.from({ length: 50_000 }, () => rng.normal(2000, 600)));
    expect(mean).toBeGreaterThan(1990);
    expect(mean).toBeLessThan(2010);
    expect(Math.sqrt(variance)).toBeGreaterThan(590);
    expect(Math.sqrt(variance)).toBeLessThan(610);
  });

  it.each([0.3, 3, 9.9, 10, 25, 450])("draws Poisson(%s) with mean = variance = lambda", (lambda) => {
    const rng = new Rng(3);
    const values = Array.from({ length: 40_000 }, () => rng.poisson(lambda));
    const { mean, variance } = stats(values);
    expect(values.every((v) => Number.isInteger(v) && v >= 0)).toBe(true);
    expect(Math.abs(mean - lambda)).toBeLessThan(4 * Math.sqrt(lambda / values.length) + 1e-9);
    expect(variance / lambda).toBeGreaterThan(0.95);
    expect(variance / lambda).toBeLessThan(1.05);
  });

  it("returns 0 for a Poisson mean of 0", () => {
    expect(new Rng(4).poisson(0)).toBe(0);
  });

  it("makes unique UUID v4-format ids", () => {
    const rng = new Rng(5);
    const ids = Array.from({ length: 10_000 }, () => rng.uuid());
    for (const id of ids.slice(0, 100)) {
      expect(id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    }
    expect(new Set(ids).size).toBe(ids.length);
  });
});

describe("logGamma", () => {
  it("matches log((x-1)!) for integers and log(sqrt(pi)) at 0.5", () => {
    expect(logGamma(1)).toBe(0);
    expect(logGamma(5)).toBeCloseTo(Math.log(24), 10);
    expect(logGamma(11)).toBeCloseTo(Math.log(3_628_800), 10);
    expect(logGamma(0.5)).toBeCloseTo(Math.log(Math.sqrt(Math.PI)), 10);
  });
});

describe("WeightedTable", () => {
  it("picks values in proportion to their weights and never picks a zero weight", () => {
    const table = new WeightedTable([
      ["a", 45],
      ["b", 0],
      ["c", 55],
    ] as const);
    const rng = new Rng(6);
    const counts: Record<string, number> = { a: 0, b: 0, c: 0 };
    for (let i = 0; i < 40_000; i++) counts[table.pick(rng)]! += 1;
    expect(counts.b).toBe(0);
    expect(counts.a! / 40_000).toBeGreaterThan(0.44);
    expect(counts.a! / 40_000).toBeLessThan(0.46);
    expect(table.share(2)).toBeCloseTo(0.55, 10);
  });

  it("rejects empty tables and negative weights", () => {
    expect(() => new WeightedTable([])).toThrow(/at least one/);
    expect(() => new WeightedTable([["x", -1]])).toThrow(/>= 0/);
  });
});
