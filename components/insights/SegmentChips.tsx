import { DIMENSION_INFO, type Segment, segmentDimensions } from "@/lib/insights/dimensions";

/** The segment's conditions as small labelled chips, e.g. "Device smart_tv", "Content content_42". */
export function SegmentChips({ segment }: { segment: Segment }) {
  return (
    <ul className="flex flex-wrap gap-1" aria-label="Segment">
      {segmentDimensions(segment).map((d) => (
        <li
          key={d}
          data-testid="segment-chip"
          className="rounded bg-slate-100 px-1.5 py-0.5 text-xs text-slate-700 dark:bg-slate-800 dark:text-slate-300"
        >
          <span className="text-slate-500 dark:text-slate-400">{DIMENSION_INFO[d].label}</span>{" "}
          <span className="font-medium">{segment[d]}</span>
        </li>
      ))}
    </ul>
  );
}
