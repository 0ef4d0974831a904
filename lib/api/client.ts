import type { ResolvedFilters } from "@/lib/filters";

export type ApiResponse<T> = { data: T; filters?: ResolvedFilters };

export class ApiRequestError extends Error {
  constructor(
    message: string,
    readonly status: number,
  ) {
    super(message);
  }
}

/** GET an API route; non-2xx answers become an error carrying the server's reason. */
export async function fetchApi<T>(path: string, params?: URLSearchParams): Promise<ApiResponse<T>> {
  const query = params?.toString();
  const response = await fetch(query ? `${path}?${query}` : path, {
    headers: { accept: "application/json" },
  });
  const body = (await response.json().catch(() => null)) as (ApiResponse<T> & { error?: string }) | null;
  if (!response.ok || !body) {
    const reason = body?.error ?? `${response.status} ${response.statusText}`;
    throw new ApiRequestError(
      response.status === 400 ? `Invalid request: ${reason}` : reason,
      response.status,
    );
  }
  return body;
}
