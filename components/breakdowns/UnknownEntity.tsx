"use client";

import Link from "next/link";
import type { Crumb } from "@/components/layout/Breadcrumbs";
import { PageHeader } from "@/components/layout/PageHeader";
import { useFilters } from "@/hooks/useFilters";

type UnknownEntityProps = {
  crumbs: Crumb[];
  title: string;
  message: string;
  /** The valid alternatives, as links keeping the current filters. */
  choices: { label: string; href: string }[];
  testId: string;
};

/** A detail route whose key is not a known value: say so and offer the valid ones. */
export function UnknownEntity({ crumbs, title, message, choices, testId }: UnknownEntityProps) {
  const { linkQuery } = useFilters();
  return (
    <>
      <PageHeader title={title} crumbs={crumbs} />
      <div
        role="alert"
        data-testid={testId}
        className="rounded-lg border border-amber-300 bg-amber-50 p-4 text-sm text-amber-900 dark:border-amber-800 dark:bg-amber-950 dark:text-amber-100"
      >
        <p>{message}</p>
        <p className="mt-2">Choose one of:</p>
        <ul className="mt-1 flex flex-wrap gap-2">
          {choices.map((c) => (
            <li key={c.href}>
              <Link
                href={linkQuery ? `${c.href}?${linkQuery}` : c.href}
                className="rounded border border-amber-400 px-2 py-0.5 underline hover:bg-amber-100 dark:border-amber-700 dark:hover:bg-amber-900"
              >
                {c.label}
              </Link>
            </li>
          ))}
        </ul>
      </div>
    </>
  );
}

/** A route segment as typed by the user; a malformed %-escape is shown as is, never thrown. */
export function decodeSegment(segment: string | undefined): string {
  try {
    return decodeURIComponent(segment ?? "");
  } catch {
    return segment ?? "";
  }
}
