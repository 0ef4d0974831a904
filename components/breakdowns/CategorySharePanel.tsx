"use client";

import { Donut } from "@/components/charts/Donut";
import { Panel, queryState } from "@/components/Panel";
import { formatValue } from "@/lib/format";

export type CategoryShareRow = { category: string; sessions: number };

type CategorySharePanelProps = {
  title: string;
  description: string;
  query: { isLoading: boolean; error: Error | null; data?: { data: CategoryShareRow[] } };
  /** Fixed colour per category (components/charts/palette.ts), so a tier looks the same everywhere. */
  colors: Record<string, string>;
  ariaLabel: string;
  /** Prefix of the panel's and the chart's test ids: `<prefix>-panel`, `<prefix>-chart`. */
  testId: string;
  height?: number;
};

/** Sessions per ordered category (quality tier, severity, startup band) as a donut with the total inside. */
export function CategorySharePanel({
  title,
  description,
  query,
  colors,
  ariaLabel,
  testId,
  height,
}: CategorySharePanelProps) {
  const rows = query.data?.data ?? [];
  const totalSessions = rows.reduce((sum, row) => sum + row.sessions, 0);
  return (
    <Panel
      title={title}
      description={description}
      state={queryState(query, totalSessions === 0)}
      testId={`${testId}-panel`}
    >
      <Donut
        slices={rows.map((row) => ({
          label: row.category,
          value: row.sessions,
          color: colors[row.category],
        }))}
        centerText={`${formatValue(totalSessions, "count")}<br>sessions`}
        ariaLabel={ariaLabel}
        height={height}
        testId={`${testId}-chart`}
      />
    </Panel>
  );
}
