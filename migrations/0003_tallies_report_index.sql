DROP INDEX "tallies_dimension_day_idx";--> statement-breakpoint
-- Written by hand (drizzle cannot express INCLUDE): reports read a dimension over a range of
-- days with an index-only scan instead of visiting a heap page per day and depot.
CREATE INDEX "tallies_report_idx" ON "tallies" USING btree ("dimension", "day") INCLUDE ("depot_id", "key", "g_in", "g_discarded", "discarded_by_reason", "g_adjusted", "bags_packed", "g_packed", "bags_delivered", "g_delivered", "stock_end_g");
