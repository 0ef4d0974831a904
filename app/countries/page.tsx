"use client";

import { useRouter } from "next/navigation";
import { MetricSelect } from "@/components/breakdowns/MetricSelect";
import { ChoroplethMap } from "@/components/charts/ChoroplethMap";
import { DataTable } from "@/components/DataTable";
import { PageHeader } from "@/components/layout/PageHeader";
import { Panel, queryState } from "@/components/Panel";
import { qualityColumns } from "@/components/tables/qualityColumns";
import { COUNTRY_ISO3, type CountryCode } from "@/db/constants";
import type { CountrySummaryRow } from "@/db/queries/countries/getCountrySummary";
import { useCountrySummary } from "@/hooks/api/useCountries";
import { useFilters, withFilters } from "@/hooks/useFilters";
import { useViewParam } from "@/hooks/useViewParam";
import { formatValue } from "@/lib/format";
import { METRICS } from "@/lib/metricCatalog";

/** Metrics the map can be coloured by (page-local URL param `metric`). */
const MAP_METRICS = [
  "avgQoe",
  "medianStartupMs",
  "rebufferRatio",
  "avgBitrateKbps",
  "stalledSessionsPct",
  "failureRatePct",
] as const;
type MapMetric = (typeof MAP_METRICS)[number];
const DEFAULT_METRIC: MapMetric = "avgQoe";

const HOVER_FORMAT: Record<MapMetric, { format: string; suffix: string }> = {
  avgQoe: { format: ".1f", suffix: "" },
  medianStartupMs: { format: ",.0f", suffix: " ms" },
  rebufferRatio: { format: ".2f", suffix: " %" },
  avgBitrateKbps: { format: ",.0f", suffix: " kbps" },
  stalledSessionsPct: { format: ".1f", suffix: " %" },
  failureRatePct: { format: ".2f", suffix: " %" },
};

export default function CountriesPage() {
  const router = useRouter();
  const { filters } = useFilters();
  const summary = useCountrySummary();
  const rows = summary.data?.data ?? [];

  const { value: metric, set: setMetric } = useViewParam("metric", MAP_METRICS, DEFAULT_METRIC);
  const info = METRICS[metric];
  const open = (code: string) => router.push(withFilters(`/countries/${code}`, filters));

  return (
    <>
      <PageHeader title="Countries">
        Where in the world playback is worst. The map colours each country by the chosen metric (green is
        better); click a country on the map or in the table to see its ISPs and CDN points of presence.{" "}
        <strong>QoE</strong>: {METRICS.avgQoe.definition} <strong>Rebuffer ratio</strong>:{" "}
        {METRICS.rebufferRatio.definition}
      </PageHeader>
      <Panel
        title={`${info.label} by country`}
        description={`${info.definition} Hover for the value and session count; click a country to open it.`}
        state={queryState(summary)}
        testId="countries-map-panel"
        actions={
          <MetricSelect value={metric} options={MAP_METRICS} onChange={setMetric} testId="map-metric" />
        }
      >
        <ChoroplethMap
          countries={rows.map((r) => ({
            code: r.countryCode,
            iso3: COUNTRY_ISO3[r.countryCode as CountryCode] ?? r.countryCode,
            name: r.countryName,
            value: r[metric],
            sessions: r.sessions,
          }))}
          valueTitle={info.label}
          valueFormat={HOVER_FORMAT[metric].format}
          valueSuffix={HOVER_FORMAT[metric].suffix}
          highIsBad={info.better === "lower"}
          target={info.target?.value}
          onCountryClick={open}
          ariaLabel={`World map of ${info.label} by country`}
          testId="countries-map"
        />
        {rows.length ? (
          <p className="mt-1 text-xs text-slate-500 dark:text-slate-400" data-testid="map-range">
            {info.label} ranges from{" "}
            {formatValue(Math.min(...rows.map((r) => r[metric] ?? Number.POSITIVE_INFINITY)), info.unit)} to{" "}
            {formatValue(Math.max(...rows.map((r) => r[metric] ?? Number.NEGATIVE_INFINITY)), info.unit)}{" "}
            across {rows.length} countries
            {info.target
              ? `; the colour scale is centred on the target (${formatValue(info.target.value, info.unit)}): yellow is on target, ${info.better === "higher" ? "green above it, red below" : "green below it, red above"}.`
              : "; colours compare the countries with each other."}
          </p>
        ) : null}
      </Panel>
      <Panel
        title="Countries"
        description="Click a country for its ISP and CDN PoP breakdown."
        state={queryState(summary)}
        testId="countries-table-panel"
        className="mt-4"
      >
        <DataTable<CountrySummaryRow>
          rows={rows}
          columns={[
            { key: "countryCode", label: "Code" },
            { key: "countryName", label: "Country" },
            { key: "region", label: "Region" },
            ...qualityColumns<CountrySummaryRow>(),
          ]}
          csvName="countries"
          onRowClick={(row) => open(row.countryCode)}
          rowLabel={(row) => `Open ${row.countryName}`}
          initialSort={{ key: "sessions", desc: true }}
          testId="countries-table"
        />
      </Panel>
    </>
  );
}
