import { expect } from "vitest";

/**
 * Test helper for query tests: compares result rows with rows from independent SQL, numbers
 * within a relative tolerance (the two sides may sum floats in a different order, e.g. weighted
 * aggregates versus a plain average over facts), everything else exactly. `absolute` gives keys
 * a documented absolute tolerance instead (e.g. percentiles read from the cube's histograms are
 * within one bucket width of percentile_cont).
 */
export function expectRowsClose(
  actual: unknown,
  expected: unknown,
  path = "rows",
  absolute: Record<string, number> = {},
): void {
  if (typeof expected === "number" && typeof actual === "number") {
    const key = path.slice(path.lastIndexOf(".") + 1);
    const tolerance = absolute[key] ?? 1e-6 * Math.max(1, Math.abs(expected));
    if (Math.abs(actual - expected) > tolerance) {
      expect.fail(`${path}: ${actual} differs from expected ${expected}`);
    }
    return;
  }
  if (Array.isArray(expected)) {
    expect(Array.isArray(actual), `${path} is an array`).toBe(true);
    const list = actual as unknown[];
    expect(list.length, `${path}.length`).toBe(expected.length);
    expected.forEach((item, i) => {
      expectRowsClose(list[i], item, `${path}[${i}]`, absolute);
    });
    return;
  }
  if (expected && typeof expected === "object") {
    expect(actual && typeof actual === "object", `${path} is an object`).toBe(true);
    const record = actual as Record<string, unknown>;
    expect(Object.keys(record).sort(), `${path} keys`).toEqual(Object.keys(expected).sort());
    for (const [key, value] of Object.entries(expected))
      expectRowsClose(record[key], value, `${path}.${key}`, absolute);
    return;
  }
  expect(actual, path).toEqual(expected);
}
