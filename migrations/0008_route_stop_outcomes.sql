ALTER TABLE "route_stops" ADD COLUMN "skip_reason" text;--> statement-breakpoint
ALTER TABLE "route_stops" ADD COLUMN "completed_by" uuid;--> statement-breakpoint
ALTER TABLE "route_stops" ADD CONSTRAINT "route_stops_completed_by_users_id_fk" FOREIGN KEY ("completed_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;