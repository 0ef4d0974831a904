import { spawnSync } from "node:child_process";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { parseCliArgs } from "./args";
import { UsageError } from "./errors";
import { defaultManifestPath } from "./options";

const today = () => "2026-01-15";

function usageError(argv: string[]): string {
  try {
    parseCliArgs(argv, today);
  } catch (error) {
    expect(error).toBeInstanceOf(UsageError);
    return (error as Error).message;
  }
  throw new Error(`expected ${argv.join(" ")} to be rejected`);
}

describe("generate CLI flags", () => {
  it("fills the documented defaults", () => {
    expect(parseCliArgs([], today)).toEqual({
      help: false,
      options: {
        sessions: 100_000,
        days: 30,
        end: "2026-01-15",
        seed: 42,
        dirty: 0,
        faults: "default",
        out: "data/streaming_telemetry.csv",
        manifest: "data/streaming_telemetry.manifest.json",
      },
    });
  });

  it("reads every flag", () => {
    const parsed = parseCliArgs(
      ["--sessions", "5", "--days", "7", "--end", "2025-02-28", "--seed", "0", "--dirty", "0.25"].concat([
        "--faults",
        "none",
        "--out",
        "x/y.csv.gz",
        "--manifest",
        "m.json",
      ]),
      today,
    );
    expect(parsed).toEqual({
      help: false,
      options: {
        sessions: 5,
        days: 7,
        end: "2025-02-28",
        seed: 0,
        dirty: 0.25,
        faults: "none",
        out: "x/y.csv.gz",
        manifest: "m.json",
      },
    });
    expect(parseCliArgs(["--help"], today)).toEqual({ help: true });
  });

  it("derives the manifest path from --out", () => {
    expect(defaultManifestPath("data/t.csv")).toBe("data/t.manifest.json");
    expect(defaultManifestPath("data/t.csv.gz")).toBe("data/t.manifest.json");
    expect(defaultManifestPath("data/t.gz")).toBe("data/t.manifest.json");
    expect(defaultManifestPath("data/t.txt")).toBe("data/t.txt.manifest.json");
  });

  it.each([
    [["--sessions", "abc"], /--sessions: must be a whole number between 1 and 50000000/],
    [["--sessions", "0"], /--sessions: must be a whole number/],
    [["--days", "2.5"], /--days: must be a whole number/],
    [["--seed=-1"], /--seed: must be a whole number/],
    [["--seed", "4294967296"], /--seed: must be a whole number between 0 and 4294967295/],
    [["--dirty", "0.7"], /--dirty: must be a fraction between 0 and 0.5/],
    [["--dirty", "lots"], /--dirty: must be a fraction/],
    [["--end", "2025-02-30"], /--end: must be a real date written YYYY-MM-DD/],
    [["--end", "yesterday"], /--end: must be a real date/],
    [["--colour", "red"], /Unknown option '--colour'/],
    [["--sessions"], /--sessions.*argument missing/],
    [["extra"], /Unexpected argument 'extra'/],
  ])("rejects %j", (argv, message) => {
    expect(usageError(argv)).toMatch(message);
  });
});

describe("generate CLI process", () => {
  const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");
  const run = (args: string[]) =>
    spawnSync(process.execPath, ["--import", "tsx", "scripts/generate/cli.ts", ...args], {
      cwd: root,
      encoding: "utf8",
    });

  it("exits 2 with the problem and the usage on bad flags, and prints usage for --help", () => {
    const bad = run(["--sessions", "-5", "--faults", "none"]);
    expect(bad.status).toBe(2);
    expect(bad.stderr).toMatch(/--sessions/);
    expect(bad.stderr).toMatch(/Usage: npm run generate/);
    expect(bad.stdout).toBe("");
    const faults = run(["--faults", "/nonexistent/faults.json"]);
    expect(faults.status).toBe(2);
    expect(faults.stderr).toMatch(/cannot read fault file \/nonexistent\/faults\.json: ENOENT/);
    const help = run(["--help"]);
    expect(help.status).toBe(0);
    expect(help.stdout).toMatch(/--faults SPEC/);
  });
});
