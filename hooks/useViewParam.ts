"use client";

import { usePathname, useRouter, useSearchParams } from "next/navigation";
import { useCallback } from "react";
import { useReportViewNotice } from "./viewNotices";

/**
 * A page-local view choice (a metric, a bin width, a breakdown) kept in the URL next to the
 * filters, so a copied link reproduces the whole view. The default is left out of the URL; a value
 * not in `allowed` reads as the default and is reported (named in the filter bar).
 */
export function useViewParam<T extends string>(
  name: string,
  allowed: readonly T[],
  fallback: T,
): { value: T; set: (next: T) => void } {
  const searchParams = useSearchParams();
  const router = useRouter();
  const pathname = usePathname();
  const requested = searchParams.get(name);
  const known = requested !== null && (allowed as readonly string[]).includes(requested);

  const set = useCallback(
    (next: T) => {
      const params = new URLSearchParams(searchParams.toString());
      if (next === fallback) params.delete(name);
      else params.set(name, next);
      const query = params.toString();
      router.replace(query ? `${pathname}?${query}` : pathname, { scroll: false });
    },
    [fallback, name, pathname, router, searchParams],
  );

  const invalid = requested !== null && !known;
  useReportViewNotice(
    name,
    invalid
      ? `"${name}" must be one of ${allowed.join(", ")} (got "${requested}"; showing ${fallback})`
      : null,
  );
  return { value: known ? (requested as T) : fallback, set };
}
