"use client";

import { useQuery } from "@tanstack/react-query";
import type { EtlRunDetail } from "@/db/queries/pipeline/getEtlRunDetail";
import type { EtlRunRow } from "@/db/queries/pipeline/getEtlRuns";
import type { RejectReasonRow } from "@/db/queries/pipeline/getRejectedRows";
import { fetchApi } from "@/lib/api/client";

/**
 * Pipeline endpoints describe ETL runs, so they take a `run` id (as it is in the page URL, the
 * server validates it) instead of the dashboard filters.
 */
function runParams(run: string | null, extra: Record<string, string> = {}): URLSearchParams {
  const params = new URLSearchParams(extra);
  if (run !== null && run !== "") params.set("run", run);
  return params;
}

export function useEtlRuns(limit = 50) {
  return useQuery({
    queryKey: ["pipeline", "runs", limit],
    queryFn: () => fetchApi<EtlRunRow[]>("/api/pipeline/runs", new URLSearchParams({ limit: String(limit) })),
  });
}

export function useEtlRunDetail(run: string | null) {
  return useQuery({
    queryKey: ["pipeline", "run", run],
    queryFn: () => fetchApi<EtlRunDetail | null>("/api/pipeline/run", runParams(run)),
    retry: false,
  });
}

export function useRejectedRows(run: string | null, examples = 3) {
  return useQuery({
    queryKey: ["pipeline", "rejects", run, examples],
    queryFn: () =>
      fetchApi<{ runId: number | null; reasons: RejectReasonRow[] }>(
        "/api/pipeline/rejects",
        runParams(run, { examples: String(examples) }),
      ),
    retry: false,
  });
}
