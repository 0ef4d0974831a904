import { getRejectedRows, rejectsSchema } from "@/db/queries/pipeline/getRejectedRows";
import { NOT_FOUND, pipelineRoute } from "../pipelineRoute";

export const dynamic = "force-dynamic";
export const GET = pipelineRoute(
  rejectsSchema,
  async ({ run, examples }) => (await getRejectedRows(run, examples)) ?? NOT_FOUND,
  ({ run }) => `ETL run ${run} does not exist.`,
);
