import { z } from "zod";

/** `run`: an etl_runs id; omitted means the latest run. */
export const runIdParam = z
  .string()
  // Digits only: Number() would also read 0x1, 1e0 or " 1 " as run 1.
  .regex(/^\d+$/, "must be a number")
  .transform(Number)
  .pipe(
    z
      .number()
      .int("must be a whole number")
      .positive("must be a positive run id")
      .max(2_147_483_647, "is too large"),
  )
  .optional();

export const runSchema = z.object({ run: runIdParam });
