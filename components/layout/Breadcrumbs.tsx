"use client";

import Link from "next/link";
import { useFilters } from "@/hooks/useFilters";

export type Crumb = { label: string; href?: string };

/** Shows the drill-down path; links keep the current filters. */
export function Breadcrumbs({ items }: { items: Crumb[] }) {
  const { linkQuery } = useFilters();
  return (
    <nav aria-label="Breadcrumb" className="mb-1 text-xs text-slate-500 dark:text-slate-400">
      <ol className="flex flex-wrap items-center gap-1">
        {items.map((item, i) => (
          <li key={`${item.label}-${i}`} className="flex items-center gap-1">
            {i > 0 ? <span aria-hidden>/</span> : null}
            {item.href ? (
              <Link
                href={linkQuery ? `${item.href}?${linkQuery}` : item.href}
                className="underline hover:text-blue-700"
              >
                {item.label}
              </Link>
            ) : (
              <span aria-current="page">{item.label}</span>
            )}
          </li>
        ))}
      </ol>
    </nav>
  );
}
