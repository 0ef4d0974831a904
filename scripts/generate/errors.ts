import type { z } from "zod";

/** A problem with the user's input (flags or fault file): print it with the usage, exit code 2. */
export class UsageError extends Error {
  override name = "UsageError";
}

/** `[0].segment.os_name` style path for a zod issue. */
function issuePath(path: ReadonlyArray<PropertyKey>): string {
  let out = "";
  for (const part of path) out += typeof part === "number" ? `[${part}]` : `${out ? "." : ""}${String(part)}`;
  return out;
}

/** One line per problem, each naming the offending field. */
export function formatIssues(error: z.ZodError, describePath: (path: string) => string): string {
  return error.issues
    .map((issue) => {
      const path = issuePath(issue.path);
      return `${describePath(path)}: ${issue.message}`;
    })
    .join("\n");
}
