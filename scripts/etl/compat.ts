import type { Sql } from "postgres";

/**
 * Validation uses pg_input_is_valid (built in from PostgreSQL 16). On 14 and 15 an equivalent is
 * created in the public schema, so any PostgreSQL 14+ works; on 16+ the built-in one (pg_catalog
 * is searched first) is used and nothing is created.
 */
export async function ensureSqlCompatibility(sql: Sql): Promise<void> {
  const [{ version }] = await sql<
    { version: number }[]
  >`select current_setting('server_version_num')::int as version`;
  if (version >= 160000) return;
  await sql.unsafe(`
    create or replace function public.pg_input_is_valid(input text, type_name text) returns boolean
    language plpgsql stable as $$
    begin
      execute format('select %L::%s', input, type_name);
      return true;
    exception when others then
      return false;
    end $$`);
}
