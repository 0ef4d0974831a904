/** Step headers with timings, so long commands say what they are doing and how long it took. */

function seconds(ms: number): string {
  return ms < 10_000 ? `${(ms / 1000).toFixed(1)} s` : `${Math.round(ms / 1000)} s`;
}

export async function step<T>(title: string, work: () => Promise<T>): Promise<T> {
  const started = Date.now();
  console.log(`\n==> ${title}`);
  const result = await work();
  console.log(`    done in ${seconds(Date.now() - started)}`);
  return result;
}

export function elapsedSince(started: number): string {
  return seconds(Date.now() - started);
}

/** The message of an error without a stack trace (bad input must never print one). */
export function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
