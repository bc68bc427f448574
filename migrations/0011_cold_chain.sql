CREATE TABLE "intake_refusals" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"intake_id" uuid NOT NULL,
	"donor_id" uuid NOT NULL,
	"depot_id" uuid NOT NULL,
	"category" text NOT NULL,
	"grams" bigint NOT NULL,
	"reason" text NOT NULL,
	"note" text,
	"at" timestamp with time zone NOT NULL,
	"created_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "intake_refusals_grams_positive" CHECK ("intake_refusals"."grams" > 0)
);
--> statement-breakpoint
ALTER TABLE "storage_units" ADD COLUMN "readings_per_day" integer DEFAULT 1 NOT NULL;--> statement-breakpoint
ALTER TABLE "alerts" ADD COLUMN "day" date;--> statement-breakpoint
ALTER TABLE "lots" ADD COLUMN "product" text;--> statement-breakpoint
ALTER TABLE "lots" ADD COLUMN "allergens" text[] DEFAULT '{}' NOT NULL;--> statement-breakpoint
ALTER TABLE "lots" ADD COLUMN "batch" text;--> statement-breakpoint
ALTER TABLE "bags" ADD COLUMN "temperature_class" text DEFAULT 'chilled' NOT NULL;--> statement-breakpoint
ALTER TABLE "packing_runs" ADD COLUMN "temperature_class" text DEFAULT 'chilled' NOT NULL;--> statement-breakpoint
ALTER TABLE "reservations" ADD COLUMN "temperature_class" text;--> statement-breakpoint
ALTER TABLE "route_stops" ADD COLUMN "temperature_class" text;--> statement-breakpoint
ALTER TABLE "tallies" ADD COLUMN "g_refused" bigint DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "tallies" ADD COLUMN "refused_by_reason" jsonb DEFAULT '{}'::jsonb NOT NULL;--> statement-breakpoint
ALTER TABLE "intake_refusals" ADD CONSTRAINT "intake_refusals_intake_id_intakes_id_fk" FOREIGN KEY ("intake_id") REFERENCES "public"."intakes"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "intake_refusals" ADD CONSTRAINT "intake_refusals_donor_id_sites_id_fk" FOREIGN KEY ("donor_id") REFERENCES "public"."sites"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "intake_refusals" ADD CONSTRAINT "intake_refusals_depot_id_sites_id_fk" FOREIGN KEY ("depot_id") REFERENCES "public"."sites"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "intake_refusals" ADD CONSTRAINT "intake_refusals_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "intake_refusals_intake_idx" ON "intake_refusals" USING btree ("intake_id");--> statement-breakpoint
CREATE INDEX "intake_refusals_depot_at_idx" ON "intake_refusals" USING btree ("depot_id","at");--> statement-breakpoint
CREATE UNIQUE INDEX "alerts_reading_missed_uq" ON "alerts" USING btree ("storage_unit_id","day") WHERE "alerts"."kind" = 'reading_missed';--> statement-breakpoint
CREATE INDEX "alerts_open_idx" ON "alerts" USING btree ("storage_unit_id") WHERE "alerts"."closed_at" is null;--> statement-breakpoint
CREATE INDEX "lots_product_idx" ON "lots" USING btree ("product");--> statement-breakpoint
CREATE INDEX "lots_batch_idx" ON "lots" USING btree ("batch");--> statement-breakpoint
CREATE INDEX "bags_available_class_idx" ON "bags" USING btree ("depot_id","bag_type","temperature_class","status","earliest_use_by");