-- Staging is truncated and refilled inside each ETL run's transaction: no WAL, no autovacuum.
ALTER TABLE "stg_playback_sessions" SET UNLOGGED;--> statement-breakpoint
ALTER TABLE "stg_playback_sessions" SET (autovacuum_enabled = false);
