import path from "node:path";
import { fileURLToPath } from "node:url";
import { defineConfig } from "vitest/config";

export default defineConfig({
  resolve: { alias: { "@": path.dirname(fileURLToPath(import.meta.url)) } },
  test: {
    include: ["**/*.test.ts"],
    exclude: ["node_modules/**", "e2e/**", ".next/**", ".data/**"],
    globalSetup: ["./test/globalSetup.ts"],
    testTimeout: 120_000,
    hookTimeout: 180_000,
    // Test files share one embedded server but each gets its own database (see test/db.ts).
    fileParallelism: true,
    maxWorkers: 2,
  },
});
