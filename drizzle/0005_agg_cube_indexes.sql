ALTER TABLE "agg_cube" DROP CONSTRAINT "agg_cube_cell";--> statement-breakpoint
CREATE INDEX "agg_cube_grain_date_idx" ON "agg_cube" USING btree ("grain","date_key");--> statement-breakpoint
CREATE INDEX "agg_cube_date_idx" ON "agg_cube" USING btree ("date_key");