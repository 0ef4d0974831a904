"use client";

import { Plot } from "@/components/charts/Plot";
import { formatMetricValue } from "@/lib/insights/summary";
import type { Finding } from "@/lib/insights/types";

const OBSERVED = "#dc2626";
const EXPECTED = "#94a3b8";

/** Two bars: what the segment shows and what its device type and network predict. */
export function ExpectationChart({ finding, testId }: { finding: Finding; testId?: string }) {
  const scale = finding.metric === "video_start_failure_rate" ? 100 : 1;
  const labels = ["Expected", "Observed"];
  const values = [finding.expected * scale, finding.value * scale];
  const text = [finding.expected, finding.value].map((v) => formatMetricValue(finding.metric, v));
  return (
    <Plot
      ariaLabel={`Observed ${text[1]} versus expected ${text[0]}`}
      testId={testId ?? "finding-chart"}
      height={96}
      data={[
        {
          type: "bar",
          orientation: "h",
          x: values,
          y: labels,
          text,
          textposition: "auto",
          hovertemplate: "%{y}: %{text}<extra></extra>",
          marker: { color: [EXPECTED, OBSERVED] },
        },
      ]}
      layout={{
        showlegend: false,
        margin: { l: 70, r: 8, t: 4, b: 4 },
        xaxis: { visible: false, rangemode: "tozero" },
        yaxis: { automargin: true },
        bargap: 0.3,
      }}
    />
  );
}
