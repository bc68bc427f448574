CREATE TABLE "stop_corrections" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"stop_id" uuid NOT NULL,
	"supersedes_id" uuid,
	"g_before" bigint,
	"g_after" bigint,
	"bags_before" integer,
	"bags_after" integer,
	"note" text,
	"corrected_at" timestamp with time zone NOT NULL,
	"created_by" uuid NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "stop_corrections" ADD CONSTRAINT "stop_corrections_stop_id_route_stops_id_fk" FOREIGN KEY ("stop_id") REFERENCES "public"."route_stops"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "stop_corrections" ADD CONSTRAINT "stop_corrections_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "stop_corrections_stop_idx" ON "stop_corrections" USING btree ("stop_id");