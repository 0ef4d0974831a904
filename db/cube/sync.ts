import type { Sql } from "postgres";
import { CUBE_VERSION } from "./definition";
import { refreshCube } from "./refresh";

/**
 * Keeps the cube in step with its definition: when agg_cube was built from another definition
 * (or never, e.g. a warehouse loaded before the cube existed), rebuild it for every loaded day.
 * Runs after the migrations; a no-op (one small read) when current. The exclusive lock on
 * agg_cube_state serialises it with the ETL's cube refresh, which takes a row-exclusive lock.
 */
export async function syncCube(sql: Sql): Promise<"current" | "rebuilt"> {
  return (await sql.begin(async (tx) => {
    const [current] = await tx<{ version: string }[]>`select version from agg_cube_state where id = 1`;
    if (current?.version === CUBE_VERSION) return "current";
    await tx`lock table agg_cube_state in exclusive mode`;
    const [locked] = await tx<{ version: string }[]>`select version from agg_cube_state where id = 1`;
    if (locked?.version === CUBE_VERSION) return "current";
    await tx`select set_config('work_mem', '256MB', true), set_config('jit', 'off', true)`;
    await tx`delete from agg_cube`;
    const days = await tx<{ date_key: number }[]>`select date_key from agg_daily_quality order by 1`;
    await refreshCube(
      tx,
      days.map((d) => d.date_key),
    );
    await tx`insert into agg_cube_state (id, version, built_at) values (1, ${CUBE_VERSION}, now())
             on conflict (id) do update set version = excluded.version, built_at = excluded.built_at`;
    return "rebuilt";
  })) as "current" | "rebuilt";
}
