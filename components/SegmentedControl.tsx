"use client";

type SegmentedControlProps<V extends string> = {
  value: V;
  options: readonly { value: V; label: string }[];
  onChange: (value: V) => void;
  /** Accessible name of the group, e.g. "Break down by". */
  label: string;
  testId?: string;
};

/** A small group of toggle buttons (one pressed), for panel-local switches (device/network, day/hour). */
export function SegmentedControl<V extends string>({
  value,
  options,
  onChange,
  label,
  testId,
}: SegmentedControlProps<V>) {
  return (
    <fieldset
      aria-label={label}
      data-testid={testId}
      className="m-0 inline-flex min-w-0 overflow-hidden rounded border border-slate-300 p-0 text-xs dark:border-slate-700"
    >
      {options.map((option) => {
        const active = option.value === value;
        return (
          <button
            key={option.value}
            type="button"
            aria-pressed={active}
            onClick={() => onChange(option.value)}
            className={`px-2 py-0.5 ${
              active
                ? "bg-blue-600 text-white"
                : "bg-white text-slate-700 hover:bg-slate-100 dark:bg-slate-900 dark:text-slate-300 dark:hover:bg-slate-800"
            }`}
          >
            {option.label}
          </button>
        );
      })}
    </fieldset>
  );
}
