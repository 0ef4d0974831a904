import type { HistogramBinRow } from "./Histogram";

/** Colour of a bin whose values fall in two or more bands (a bin width that straddles a threshold). */
export const MIXED_BIN_COLOR = "#94a3b8";

/**
 * Colours bins by the band their values fall in; a bin straddling a band threshold is not given
 * the colour of its start (that would paint sessions of two bands as one) but MIXED_BIN_COLOR.
 */
export function colorByBand(
  bandOf: (value: number) => string,
  colors: Record<string, string>,
): (bin: HistogramBinRow) => string {
  return (bin) => {
    const first = bandOf(bin.start);
    // Values are whole numbers (ms, kbps): the bin's last value is end - 1.
    const last = bin.end === null ? first : bandOf(Math.max(bin.start, bin.end - 1));
    return first === last ? colors[first] : MIXED_BIN_COLOR;
  };
}
