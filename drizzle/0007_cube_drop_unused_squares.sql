ALTER TABLE "agg_cube" DROP COLUMN "startup_ms_sq_sum";--> statement-breakpoint
ALTER TABLE "agg_cube" DROP COLUMN "rebuffer_ratio_sq_sum";--> statement-breakpoint
ALTER TABLE "agg_cube" DROP COLUMN "bitrate_sq_sum";--> statement-breakpoint
ALTER TABLE "agg_cube" DROP COLUMN "qoe_sq_sum";