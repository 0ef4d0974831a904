/**
 * Progress on stderr: a redrawn bar with rows/s on a TTY, plain timestamped lines otherwise (CI
 * logs, pipes). Silent when disabled (in-process use, tests).
 */
export interface Progress {
  stage(name: string): void;
  extract(file: string, bytes: number, totalBytes: number, rows: number): void;
  /** Progress within a stage counted in units (e.g. days aggregated). */
  step(stage: string, done: number, total: number, unit: string): void;
  info(message: string): void;
  end(): void;
}

export const silentProgress: Progress = { stage() {}, extract() {}, step() {}, info() {}, end() {} };

export function createProgress(stream: NodeJS.WriteStream = process.stderr): Progress {
  const tty = Boolean(stream.isTTY);
  const started = performance.now();
  let lastDraw = 0;
  let lastPlainPct = -1;
  let lastFile = "";
  let lastStepMark = "";
  let barShown = false;
  const elapsed = () => ((performance.now() - started) / 1000).toFixed(1);
  const clearBar = () => {
    if (barShown) {
      stream.write("\r\x1b[2K");
      barShown = false;
    }
  };
  return {
    stage(name) {
      clearBar();
      stream.write(`[${elapsed()}s] ${name}\n`);
    },
    extract(file, bytes, totalBytes, rows) {
      const now = performance.now();
      const pct = totalBytes > 0 ? Math.min(100, (bytes / totalBytes) * 100) : 0;
      const rate = Math.round(rows / Math.max(0.001, (now - started) / 1000));
      if (tty) {
        if (now - lastDraw < 100 && pct < 100) return;
        lastDraw = now;
        const width = 30;
        const filled = Math.round((pct / 100) * width);
        const bar = `${"#".repeat(filled)}${"-".repeat(width - filled)}`;
        stream.write(
          `\r\x1b[2K[${bar}] ${pct.toFixed(0).padStart(3)}% ${rows.toLocaleString("en-US")} rows ${rate.toLocaleString("en-US")} rows/s ${file}`,
        );
        barShown = true;
      } else {
        if (file !== lastFile) {
          lastFile = file;
          lastPlainPct = -1;
        }
        const step = Math.floor(pct / 25) * 25;
        if (step === lastPlainPct) return;
        lastPlainPct = step;
        stream.write(`[${elapsed()}s] extract ${file}: ${step}% ${rows} rows (${rate} rows/s)\n`);
      }
    },
    step(stage, done, total, unit) {
      const pct = total > 0 ? Math.min(100, (done / total) * 100) : 100;
      if (tty) {
        stream.write(`\r\x1b[2K${stage}: ${done}/${total} ${unit} (${pct.toFixed(0)}%)`);
        barShown = true;
        return;
      }
      const mark = `${stage}:${Math.floor(pct / 25) * 25}`;
      if (mark === lastStepMark) return;
      lastStepMark = mark;
      stream.write(`[${elapsed()}s] ${stage}: ${done}/${total} ${unit}\n`);
    },
    info(message) {
      clearBar();
      stream.write(`${message}\n`);
    },
    end() {
      clearBar();
    },
  };
}
