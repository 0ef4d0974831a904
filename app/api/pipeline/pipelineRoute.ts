import type { z } from "zod";
import { badRequest } from "@/lib/api/route";
import { describeZodError } from "@/lib/filters";

/**
 * A GET handler for the pipeline endpoints: they describe ETL runs, not sessions, so they take
 * their own params (e.g. `run`) and ignore the dashboard's date and dimension filters.
 * A query answering NOT_FOUND means the requested run does not exist (404).
 */
export const NOT_FOUND = Symbol("not found");

export function pipelineRoute<T, S extends z.ZodType>(
  schema: S,
  query: (params: z.infer<S>) => Promise<T | typeof NOT_FOUND>,
  notFound: (params: z.infer<S>) => string = () => "Not found.",
) {
  return async (request: Request): Promise<Response> => {
    const parsed = schema.safeParse(Object.fromEntries(new URL(request.url).searchParams));
    if (!parsed.success) return badRequest(describeZodError(parsed.error));
    try {
      const data = await query(parsed.data);
      if (data === NOT_FOUND) return Response.json({ error: notFound(parsed.data) }, { status: 404 });
      return Response.json({ data });
    } catch (error) {
      console.error("[api]", error);
      return Response.json({ error: "The query failed on the server; see the server log." }, { status: 500 });
    }
  };
}
