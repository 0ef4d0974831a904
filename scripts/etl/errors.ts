/** Input the ETL refuses whole (missing column, empty, unreadable or non-CSV file): exit code 2. */
export class InputError extends Error {
  override name = "InputError";
}

/** The run was interrupted (SIGINT/SIGTERM) before it committed. */
export class AbortedError extends Error {
  override name = "AbortedError";
}
