"use client";

import { useParams } from "next/navigation";
import { BreakdownPanel } from "@/components/breakdowns/BreakdownPanel";
import { decodeSegment, UnknownEntity } from "@/components/breakdowns/UnknownEntity";
import { Heatmap } from "@/components/charts/Heatmap";
import { PageHeader } from "@/components/layout/PageHeader";
import { Panel, queryState } from "@/components/Panel";
import { COUNTRY_CODES, COUNTRY_INFO, type CountryCode, type Isp } from "@/db/constants";
import { useCountryBreakdown } from "@/hooks/api/useCountries";
import { useFilters } from "@/hooks/useFilters";
import type { FilterKey } from "@/lib/filters";
import { METRICS } from "@/lib/metricCatalog";

function isCountryCode(value: string): value is CountryCode {
  return (COUNTRY_CODES as readonly string[]).includes(value);
}

export default function CountryDetailPage() {
  const params = useParams<{ countryCode: string }>();
  const raw = decodeSegment(params.countryCode);
  // Links may spell the code in lower case; the warehouse stores upper case.
  const code = raw.toUpperCase();
  if (!isCountryCode(code)) {
    return (
      <UnknownEntity
        crumbs={[{ label: "Countries", href: "/countries" }, { label: raw || "?" }]}
        title="Unknown country"
        message={`"${raw}" is not a country code this dashboard has data for.`}
        choices={COUNTRY_CODES.map((c) => ({
          label: `${c} · ${COUNTRY_INFO[c].name}`,
          href: `/countries/${c}`,
        }))}
        testId="unknown-country"
      />
    );
  }
  return <CountryDetail code={code} />;
}

function CountryDetail({ code }: { code: CountryCode }) {
  const { filters, setFilter, update } = useFilters();
  const byIsp = useCountryBreakdown(code, "isp");
  const byPop = useCountryBreakdown(code, "pop");
  const cells = useCountryBreakdown(code, "ispPop");
  const info = COUNTRY_INFO[code];
  const addFilter = (key: FilterKey) => (value: string) => setFilter(key, [value]);
  const otherCountry = filters.country?.some((c) => c !== code);
  const cellRows = cells.data?.data ?? [];
  const isps = [...new Set(cellRows.map((r) => r.value))].sort();
  const pops = [...new Set(cellRows.map((r) => r.group ?? ""))].sort(
    new Intl.Collator("en", { numeric: true }).compare,
  );

  return (
    <>
      <PageHeader
        title={`${info.name} (${code})`}
        crumbs={[{ label: "Countries", href: "/countries" }, { label: `${info.name} (${code})` }]}
      >
        Whether {info.name}'s quality problems follow an ISP or a CDN point of presence ({info.region},{" "}
        {info.marketMaturity} market). Click a bar, row or cell to add it as a filter. <strong>QoE</strong>:{" "}
        {METRICS.avgQoe.definition}
        {otherCountry ? (
          <span data-testid="country-filter-note" className="mt-1 block text-amber-700 dark:text-amber-300">
            The Country filter in the bar is replaced by {code} on this page.
          </span>
        ) : null}
      </PageHeader>
      <div className="grid grid-cols-1 gap-4">
        <BreakdownPanel
          title="By ISP"
          metricParam="ispMetric"
          dimensionLabel="ISP"
          query={byIsp}
          onSelect={addFilter("isp")}
          clickHint="Click to filter by the ISP."
          csvName={`${code}-by-isp`}
          testId="country-isp-panel"
        />
        <BreakdownPanel
          title="By CDN point of presence"
          metricParam="popMetric"
          dimensionLabel="CDN PoP"
          query={byPop}
          onSelect={addFilter("pop")}
          clickHint="Click to filter by the PoP."
          csvName={`${code}-by-pop`}
          testId="country-pop-panel"
        />
      </div>
      <Panel
        title="QoE by ISP × CDN PoP"
        description="Is a bad ISP bad everywhere, or only behind one PoP? Click a cell to filter by both."
        state={queryState(cells)}
        testId="country-isp-pop-panel"
        className="mt-4"
      >
        <Heatmap
          cells={cellRows.map((r) => ({
            x: r.group ?? "",
            y: r.value,
            value: r.avgQoe,
            sessions: r.sessions,
          }))}
          xs={pops}
          ys={isps}
          xTitle="CDN PoP"
          yTitle="ISP"
          valueTitle="QoE score"
          valueFormat=".1f"
          highIsBad={false}
          onCellClick={(pop, isp) => update({ ...filters, isp: [isp as Isp], pop: [pop] })}
          ariaLabel={`QoE score by ISP and CDN point of presence in ${info.name}`}
          height={Math.max(220, 34 * isps.length + 90)}
          testId="country-isp-pop-chart"
        />
      </Panel>
    </>
  );
}
