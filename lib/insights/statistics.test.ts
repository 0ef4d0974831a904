import { describe, expect, it } from "vitest";
import {
  benjaminiHochberg,
  bonferroni,
  devianceZ,
  erfc,
  normalIsf,
  normalSf,
  residualSpread,
  testExcess,
} from "./statistics";

describe("normal tail", () => {
  it("matches known quantiles, including deep tails", () => {
    expect(normalSf(0)).toBeCloseTo(0.5, 7);
    expect(normalSf(1.959964)).toBeCloseTo(0.025, 6);
    expect(normalSf(-1.959964)).toBeCloseTo(0.975, 6);
    // Reference values of the standard normal upper tail.
    expect(normalSf(5) / 2.866515718791939e-7).toBeCloseTo(1, 5);
    expect(normalSf(10) / 7.61985302416047e-24).toBeCloseTo(1, 5);
    expect(normalSf(30)).toBeGreaterThan(0);
    expect(erfc(-3) + erfc(3)).toBeCloseTo(2, 12);
  });
});

describe("testExcess", () => {
  const base = {
    sessions: 100,
    residualSq: 100 * 400 ** 2,
    residualSum: 0,
    modelVariance: 0,
    worse: 1 as const,
  };

  it("measures the excess in the worse direction with the segment's own variance", () => {
    const t = testExcess({ ...base, observed: 110_000, expected: 100_000, residualSum: 10_000 });
    expect(t.excess).toBe(10_000);
    // sample variance of residuals: (sum r^2 - (sum r)^2 / n) / (n - 1), times n
    const variance = ((100 * 400 ** 2 - 10_000 ** 2 / 100) * 100) / 99;
    expect(t.variance).toBeCloseTo(variance, 6);
    expect(t.z).toBeCloseTo(10_000 / Math.sqrt(variance), 9);
    expect(t.p).toBeCloseTo(normalSf(t.z), 12);
  });

  it("treats lower as worse for bitrate-like metrics", () => {
    const t = testExcess({ ...base, observed: 90_000, expected: 100_000, worse: -1 });
    expect(t.excess).toBe(10_000);
    expect(t.z).toBeGreaterThan(0);
    const better = testExcess({ ...base, observed: 110_000, expected: 100_000, worse: -1 });
    expect(better.z).toBeLessThan(0);
    expect(better.p).toBeGreaterThan(0.5);
  });

  it("never trusts a variance smaller than the model's", () => {
    const lumpy = testExcess({ ...base, residualSq: 0, observed: 101, expected: 100, modelVariance: 25 });
    expect(lumpy.variance).toBe(25);
    expect(lumpy.z).toBeCloseTo(0.2, 12);
  });
});

describe("residual spread", () => {
  it("does not count a segment's own multiplicative excess as noise", () => {
    // Two kinds of session (e = 1 and e = 9), every value doubled, no noise at all.
    const e = [1, 9, 1, 9];
    const y = e.map((v) => 2 * v);
    const residualSq = y.reduce((acc, v, i) => acc + (v - e[i]!) ** 2, 0);
    const input = {
      sessions: 4,
      observed: 40,
      expected: 20,
      residualSq,
      residualSum: 20,
      modelVariance: 0,
      worse: 1 as const,
    };
    // Around the mean residual the spread is large; around the x2 fit it vanishes.
    expect(residualSpread(input)).toBeCloseTo(residualSq - 400 / 4, 9);
    expect(residualSpread({ ...input, expectedSq: 1 + 81 + 1 + 81 })).toBeCloseTo(0, 9);
  });

  it("keeps the unevenness of an excess other findings explain", () => {
    // The whole excess is explained elsewhere and sits on one session: only its mean is removed.
    const input = {
      sessions: 4,
      observed: 24,
      expected: 24,
      residualSq: 16 * 16,
      residualSum: 16,
      modelVariance: 0,
      worse: 1 as const,
      expectedSq: 4 * 16,
    };
    expect(residualSpread(input)).toBeCloseTo(256 - 256 / 4, 9);
  });
});

describe("multiple testing", () => {
  it("inverts the normal tail for the corrected cutoff", () => {
    expect(normalSf(normalIsf(1e-7))).toBeCloseTo(1e-7, 12);
    expect(normalIsf(0.5)).toBe(0);
  });

  it("holds skewed counts to the Poisson deviance (close to the exact tail)", () => {
    // Poisson(47.5): P(X >= 89) = 5.0e-8 exactly; the normal rule would claim 1.0e-9.
    expect(normalSf(devianceZ(89, 47.5, 1))).toBeGreaterThan(2e-8);
    expect(normalSf(devianceZ(89, 47.5, 1))).toBeLessThan(1e-7);
    expect(normalSf((89 - 47.5) / Math.sqrt(47.5))).toBeLessThan(2e-9);
    expect(devianceZ(40, 47.5, 1)).toBeLessThan(0);
  });

  it("Bonferroni multiplies by the number of tests and caps at 1", () => {
    expect(bonferroni(1e-6, 1000)).toBeCloseTo(1e-3, 12);
    expect(bonferroni(0.2, 10)).toBe(1);
  });

  it("Benjamini-Hochberg gives monotone q-values in input order", () => {
    const q = benjaminiHochberg([0.01, 0.04, 0.03, 0.5]);
    expect(q[0]).toBeCloseTo(0.04, 12);
    expect(q[2]).toBeCloseTo((0.04 * 4) / 3, 12); // raised to the next p-value's q
    expect(q[1]).toBeCloseTo(0.04 * (4 / 3), 12);
    expect(q[3]).toBeCloseTo(0.5, 12);
  });
});
