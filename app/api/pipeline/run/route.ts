import { getEtlRunDetail } from "@/db/queries/pipeline/getEtlRunDetail";
import { runSchema } from "@/db/queries/pipeline/runParams";
import { NOT_FOUND, pipelineRoute } from "../pipelineRoute";

export const dynamic = "force-dynamic";
export const GET = pipelineRoute(
  runSchema,
  async ({ run }) => {
    const detail = await getEtlRunDetail(run);
    // No runs at all is an empty answer (null), an unknown explicit id is a 404.
    return detail === null && run !== undefined ? NOT_FOUND : detail;
  },
  ({ run }) => `ETL run ${run} does not exist.`,
);
