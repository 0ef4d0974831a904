"use client";

import { KpiCards } from "@/components/KpiCard";
import { Panel, queryState } from "@/components/Panel";
import type { KpiValues } from "@/db/queries/overview/getKpis";
import { useKpis } from "@/hooks/api/useKpis";

type KpiStripPanelProps = {
  title: string;
  /** The page's headline measures, each a card against its target and the previous period. */
  metrics: readonly (keyof KpiValues)[];
  testId: string;
};

/** A metric page's row of KPI cards for the current filters (the overview's KPIs, a few at a time). */
export function KpiStripPanel({ title, metrics, testId }: KpiStripPanelProps) {
  const kpis = useKpis();
  const k = kpis.data?.data;
  return (
    <Panel title={title} state={queryState(kpis, k ? k.current.sessions === 0 : undefined)} testId={testId}>
      <div className="grid grid-cols-3 gap-3">{k ? <KpiCards kpis={k} metrics={metrics} /> : null}</div>
    </Panel>
  );
}
