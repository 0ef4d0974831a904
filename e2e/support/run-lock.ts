import { mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import path from "node:path";

/**
 * One e2e run at a time per checkout. Two runs would rebuild the same `.next` under each other's
 * server, empty each other's `test-results/` and drop each other's database. The lock is taken
 * while Playwright loads its config (before it cleans the output folder or starts the web server)
 * and released when the runner process exits; a lock left by a killed run is detected by its pid.
 */

const POLL_MS = 2_000;

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === "EPERM";
  }
}

function sleepSync(ms: number): void {
  // Playwright loads its config synchronously, so the wait has to block.
  Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);
}

function holder(lockFile: string): number | null {
  try {
    return Number(readFileSync(lockFile, "utf8")) || null;
  } catch {
    return null;
  }
}

export function acquireRunLockSync(lockFile: string, timeoutMs: number): void {
  mkdirSync(path.dirname(lockFile), { recursive: true });
  const deadline = Date.now() + timeoutMs;
  let announced = false;
  for (;;) {
    try {
      writeFileSync(lockFile, String(process.pid), { flag: "wx" });
      break;
    } catch {
      const pid = holder(lockFile);
      if (pid === null || !isAlive(pid)) {
        rmSync(lockFile, { force: true });
        continue;
      }
      if (Date.now() > deadline) {
        throw new Error(`Another e2e run (pid ${pid}) still holds ${lockFile}; giving up.`);
      }
      if (!announced) {
        console.log(`[e2e] Another e2e run (pid ${pid}) is in progress in this checkout; waiting for it…`);
        announced = true;
      }
      sleepSync(POLL_MS);
    }
  }
  process.on("exit", () => {
    if (holder(lockFile) === process.pid) rmSync(lockFile, { force: true });
  });
}
