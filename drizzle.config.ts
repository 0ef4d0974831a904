import { defineConfig } from "drizzle-kit";

// `db:generate` only diffs the schema files; `db:studio` is launched by scripts/studio.ts,
// which sets DATABASE_URL (starting the embedded server when needed).
export default defineConfig({
  dialect: "postgresql",
  schema: "./db/schema/index.ts",
  out: "./drizzle",
  dbCredentials: { url: process.env.DATABASE_URL ?? "postgres://localhost/qoe" },
});
