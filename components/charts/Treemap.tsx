"use client";

import { RED_YELLOW_GREEN } from "./colorscales";
import { Plot } from "./Plot";

export type TreemapLeaf = { parent: string; label: string; value: number; color: number | null };

type TreemapProps = {
  leaves: TreemapLeaf[];
  /** What the tile area is, e.g. "sessions". */
  valueLabel: string;
  /** What the tile colour is, e.g. "QoE score". */
  colorTitle: string;
  colorFormat?: string;
  /** true when a high colour value is bad (red). */
  highIsBad?: boolean;
  /**
   * The metric's target: the colour scale's middle (yellow) sits on it, so a value reads as good
   * or bad against the target rather than against the other values (whose spread can be noise).
   */
  target?: number;
  rootLabel?: string;
  ariaLabel: string;
  height?: number;
  testId?: string;
};

/**
 * Two-level treemap (parent → leaf), area = value, colour = a metric. Parent colours are the
 * value-weighted mean of their leaves so a whole branch reads at a glance.
 */
export function Treemap({
  leaves,
  valueLabel,
  colorTitle,
  colorFormat = ".1f",
  highIsBad = false,
  target,
  rootLabel = "All",
  ariaLabel,
  height = 420,
  testId,
}: TreemapProps) {
  const parents = [...new Set(leaves.map((l) => l.parent))];
  const parentStats = parents.map((p) => {
    const members = leaves.filter((l) => l.parent === p);
    const value = members.reduce((s, l) => s + l.value, 0);
    const weighted = members.filter((l) => l.color !== null);
    const weight = weighted.reduce((s, l) => s + l.value, 0);
    const color = weight ? weighted.reduce((s, l) => s + (l.color ?? 0) * l.value, 0) / weight : null;
    return { id: p, value, color };
  });
  const total = parentStats.reduce((s, p) => s + p.value, 0);
  const totalWeight = parentStats.filter((p) => p.color !== null).reduce((s, p) => s + p.value, 0);
  const rootColor = totalWeight
    ? parentStats.reduce((s, p) => s + (p.color ?? 0) * (p.color === null ? 0 : p.value), 0) / totalWeight
    : null;

  const ids = [rootLabel, ...parentStats.map((p) => p.id), ...leaves.map((l) => `${l.parent}/${l.label}`)];
  const labels = [rootLabel, ...parentStats.map((p) => p.id), ...leaves.map((l) => l.label)];
  const parentIds = ["", ...parentStats.map(() => rootLabel), ...leaves.map((l) => l.parent)];
  const values = [total, ...parentStats.map((p) => p.value), ...leaves.map((l) => l.value)];
  const colors = [rootColor, ...parentStats.map((p) => p.color), ...leaves.map((l) => l.color)];

  return (
    <Plot
      ariaLabel={ariaLabel}
      testId={testId}
      height={height}
      data={[
        {
          type: "treemap",
          ids,
          labels,
          parents: parentIds,
          values,
          branchvalues: "total",
          marker: {
            colors: colors as number[],
            colorscale: RED_YELLOW_GREEN,
            reversescale: highIsBad,
            ...(target === undefined ? {} : { cmid: target }),
            showscale: true,
            colorbar: { title: { text: colorTitle }, thickness: 12 },
          },
          textinfo: "label+value+percent parent",
          hovertemplate: `%{label}<br>%{value:,} ${valueLabel} (%{percentParent:.1%} of %{parent})<br>${colorTitle}: %{color:${colorFormat}}<extra></extra>`,
        } as never,
      ]}
      layout={{ margin: { l: 0, r: 0, t: 8, b: 0 } }}
    />
  );
}
