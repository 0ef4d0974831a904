"use client";

import Link from "next/link";
import { usePathname } from "next/navigation";
import { useFilters } from "@/hooks/useFilters";

export const PAGES = [
  { href: "/", label: "Overview" },
  { href: "/insights", label: "Insights" },
  { href: "/startup", label: "Startup" },
  { href: "/rebuffering", label: "Rebuffering" },
  { href: "/bitrate", label: "Bitrate" },
  { href: "/devices", label: "Devices" },
  { href: "/countries", label: "Countries" },
  { href: "/engagement", label: "Engagement" },
  { href: "/pipeline", label: "Pipeline" },
] as const;

/** Main navigation; links carry the current filters so the view follows the analyst. */
export function Nav() {
  const pathname = usePathname();
  const { linkQuery } = useFilters();
  return (
    <nav aria-label="Main" className="flex flex-wrap gap-1 md:flex-col">
      {PAGES.map((page) => {
        const active = page.href === "/" ? pathname === "/" : pathname.startsWith(page.href);
        return (
          <Link
            key={page.href}
            href={linkQuery ? `${page.href}?${linkQuery}` : page.href}
            aria-current={active ? "page" : undefined}
            className={`rounded px-3 py-1.5 text-sm ${
              active
                ? "bg-blue-600 font-medium text-white"
                : "text-slate-700 hover:bg-slate-200 dark:text-slate-300 dark:hover:bg-slate-800"
            }`}
          >
            {page.label}
          </Link>
        );
      })}
    </nav>
  );
}
