import type { ApiError } from "@/lib/api/route";

/** Any /api path without an endpoint: a JSON 404 naming it (an API client gets no HTML page). */
function notFound(request: Request): Response {
  const { pathname } = new URL(request.url);
  return Response.json({ error: `No API endpoint at ${pathname}` } satisfies ApiError, { status: 404 });
}

export { notFound as DELETE, notFound as GET, notFound as PATCH, notFound as POST, notFound as PUT };
