import type { z } from "zod";
import { describeZodError, parseFilters, type ResolvedFilters } from "@/lib/filters";
import { resolveFilters } from "./resolveFilters";

export type ApiEnvelope<T> = { data: T; filters: ResolvedFilters };
export type ApiError = { error: string };

export function badRequest(reason: string): Response {
  return Response.json({ error: reason } satisfies ApiError, { status: 400 });
}

function serverError(error: unknown): Response {
  // Log the detail for operators; the client gets a reason without internals.
  console.error("[api]", error);
  return Response.json({ error: "The query failed on the server; see the server log." } satisfies ApiError, {
    status: 500,
  });
}

/**
 * A GET handler for a filtered analytics endpoint: validate the filters (and optional extra
 * params), resolve the default date range, call one query, return JSON.
 */
export function filteredRoute<T, E extends z.ZodType = z.ZodUndefined>(
  query: (filters: ResolvedFilters, extra: z.infer<E>) => Promise<T>,
  extraSchema?: E,
) {
  return async (request: Request): Promise<Response> => {
    const params = new URL(request.url).searchParams;
    const parsed = parseFilters(params);
    if (!parsed.ok) return badRequest(parsed.error);
    let extra: z.infer<E> = undefined as z.infer<E>;
    if (extraSchema) {
      const extraResult = extraSchema.safeParse(Object.fromEntries(params));
      if (!extraResult.success) return badRequest(describeZodError(extraResult.error));
      extra = extraResult.data;
    }
    try {
      const filters = await resolveFilters(parsed.value);
      const data = await query(filters, extra);
      return Response.json({ data, filters } satisfies ApiEnvelope<T>);
    } catch (error) {
      return serverError(error);
    }
  };
}

/** A GET handler for an endpoint without filters. */
export function plainRoute<T>(query: () => Promise<T>) {
  return async (): Promise<Response> => {
    try {
      return Response.json({ data: await query() });
    } catch (error) {
      return serverError(error);
    }
  };
}
