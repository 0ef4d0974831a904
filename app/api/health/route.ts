import { getSql } from "@/db/client";

export const dynamic = "force-dynamic";

export async function GET() {
  const started = Date.now();
  try {
    const sql = await getSql();
    const [row] = await sql<
      { sessions: number }[]
    >`select count(*)::int as sessions from fact_playback_sessions`;
    return Response.json({
      status: "ok",
      database: "up",
      sessions: row.sessions,
      latencyMs: Date.now() - started,
    });
  } catch (error) {
    const reason = error instanceof Error ? error.message : "unknown error";
    return Response.json({ status: "error", database: "down", reason }, { status: 503 });
  }
}
