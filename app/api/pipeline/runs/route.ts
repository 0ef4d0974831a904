import { etlRunsSchema, getEtlRuns } from "@/db/queries/pipeline/getEtlRuns";
import { pipelineRoute } from "../pipelineRoute";

export const dynamic = "force-dynamic";
export const GET = pipelineRoute(etlRunsSchema, ({ limit }) => getEtlRuns(limit));
