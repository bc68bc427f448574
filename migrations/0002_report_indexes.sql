CREATE INDEX "bag_events_delivered_at_idx" ON "bag_events" USING btree ("at") WHERE "bag_events"."to_status" = 'delivered';--> statement-breakpoint
CREATE INDEX "bags_depot_packed_idx" ON "bags" USING btree ("depot_id","packed_at");--> statement-breakpoint
CREATE INDEX "tallies_depot_dimension_day_idx" ON "tallies" USING btree ("depot_id","dimension","day");