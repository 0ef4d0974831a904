CREATE TABLE "etl_user_agents" (
	"user_agent" text PRIMARY KEY NOT NULL,
	"os_name" text NOT NULL,
	"os_version" text NOT NULL,
	"browser_name" text NOT NULL,
	"manufacturer" text NOT NULL,
	"model" text NOT NULL
);
--> statement-breakpoint
DROP INDEX "stg_playback_sessions_run_idx";--> statement-breakpoint
ALTER TABLE "etl_runs" ADD COLUMN "summary" jsonb DEFAULT '{}'::jsonb NOT NULL;--> statement-breakpoint
ALTER TABLE "stg_playback_sessions" ADD COLUMN "file_no" smallint NOT NULL;--> statement-breakpoint
ALTER TABLE "stg_playback_sessions" DROP COLUMN "source_file";