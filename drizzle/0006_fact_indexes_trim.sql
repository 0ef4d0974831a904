DROP INDEX "fact_sessions_timestamp_idx";--> statement-breakpoint
DROP INDEX "fact_sessions_network_idx";--> statement-breakpoint
DROP INDEX "fact_sessions_cohort_idx";