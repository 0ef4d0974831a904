import { z } from "zod";

/** `run`: an etl_runs id; omitted means the latest run. */
export const runIdParam = z.coerce
  .number({ message: "must be a number" })
  .int("must be a whole number")
  .positive("must be a positive run id")
  .max(2_147_483_647, "is too large")
  .optional();

export const runSchema = z.object({ run: runIdParam });
