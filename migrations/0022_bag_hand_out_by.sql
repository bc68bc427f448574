ALTER TABLE "alerts" ADD COLUMN "depot_id" uuid;--> statement-breakpoint
ALTER TABLE "alerts" ADD COLUMN "route_id" uuid;--> statement-breakpoint
ALTER TABLE "alerts" ADD COLUMN "stop_id" uuid;--> statement-breakpoint
ALTER TABLE "bags" ADD COLUMN "hand_out_by" date;--> statement-breakpoint
ALTER TABLE "route_stops" ADD COLUMN "ride_minutes" integer;--> statement-breakpoint
ALTER TABLE "routes" ADD COLUMN "loaded_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "routes" ADD COLUMN "loaded_by" uuid;--> statement-breakpoint
ALTER TABLE "alerts" ADD CONSTRAINT "alerts_depot_id_sites_id_fk" FOREIGN KEY ("depot_id") REFERENCES "public"."sites"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "routes" ADD CONSTRAINT "routes_loaded_by_users_id_fk" FOREIGN KEY ("loaded_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "alerts_route_uq" ON "alerts" USING btree ("kind","route_id") WHERE "alerts"."kind" = 'bags_unsettled';--> statement-breakpoint
CREATE UNIQUE INDEX "alerts_stop_uq" ON "alerts" USING btree ("kind","stop_id") WHERE "alerts"."kind" = 'ride_too_long';--> statement-breakpoint
CREATE INDEX "bags_hand_out_idx" ON "bags" USING btree ("depot_id","bag_type","status","hand_out_by");--> statement-breakpoint
CREATE INDEX "bags_hand_out_class_idx" ON "bags" USING btree ("depot_id","bag_type","temperature_class","status","hand_out_by");