import { closeDatabase, getConnection } from "../db/client";
import { runMigrations } from "../db/migrate";

async function main() {
  const started = Date.now();
  const { sql, db } = await getConnection();
  const before =
    await sql`select count(*)::int as n from pg_class c join pg_namespace n on n.oid = c.relnamespace where n.nspname = 'public' and c.relkind in ('r','v','m')`;
  await runMigrations(db);
  const after =
    await sql`select count(*)::int as n from pg_class c join pg_namespace n on n.oid = c.relnamespace where n.nspname = 'public' and c.relkind in ('r','v','m')`;
  console.log(
    `Migrations applied in ${Date.now() - started} ms: ${after[0].n} tables and views (${after[0].n - before[0].n} new).`,
  );
}

main()
  .catch((error) => {
    console.error(`Migration failed: ${error instanceof Error ? error.message : error}`);
    process.exitCode = 1;
  })
  .finally(() => closeDatabase());
