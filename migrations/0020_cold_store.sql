CREATE TABLE "recall_acknowledgements" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"recall_id" uuid NOT NULL,
	"point_id" uuid NOT NULL,
	"note" text NOT NULL,
	"at" timestamp with time zone NOT NULL,
	"created_by" uuid
);
--> statement-breakpoint
CREATE TABLE "recall_bags" (
	"recall_id" uuid NOT NULL,
	"bag_id" uuid NOT NULL,
	"status_before" text NOT NULL,
	"reservation_id" uuid,
	"point_id" uuid,
	CONSTRAINT "recall_bags_recall_id_bag_id_pk" PRIMARY KEY("recall_id","bag_id")
);
--> statement-breakpoint
CREATE TABLE "recall_lots" (
	"recall_id" uuid NOT NULL,
	"lot_id" uuid NOT NULL,
	CONSTRAINT "recall_lots_recall_id_lot_id_pk" PRIMARY KEY("recall_id","lot_id")
);
--> statement-breakpoint
CREATE TABLE "recall_points" (
	"recall_id" uuid NOT NULL,
	"point_id" uuid NOT NULL,
	CONSTRAINT "recall_points_recall_id_point_id_pk" PRIMARY KEY("recall_id","point_id")
);
--> statement-breakpoint
CREATE TABLE "recalls" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"reason" text NOT NULL,
	"criteria" jsonb NOT NULL,
	"at" timestamp with time zone NOT NULL,
	"created_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "temperature_readings" ADD COLUMN "entered_at" timestamp with time zone DEFAULT now() NOT NULL;--> statement-breakpoint
ALTER TABLE "alerts" ADD COLUMN "action" text;--> statement-breakpoint
ALTER TABLE "alerts" ADD COLUMN "note" text;--> statement-breakpoint
ALTER TABLE "alerts" ADD COLUMN "resolved_by" uuid;--> statement-breakpoint
ALTER TABLE "lots" ADD COLUMN "recall_id" uuid;--> statement-breakpoint
ALTER TABLE "bag_events" ADD COLUMN "alert_id" uuid;--> statement-breakpoint
ALTER TABLE "bag_events" ADD COLUMN "storage_unit_id" uuid;--> statement-breakpoint
ALTER TABLE "bags" ADD COLUMN "storage_unit_id" uuid;--> statement-breakpoint
ALTER TABLE "packing_runs" ADD COLUMN "storage_unit_id" uuid;--> statement-breakpoint
ALTER TABLE "recall_acknowledgements" ADD CONSTRAINT "recall_acknowledgements_recall_id_recalls_id_fk" FOREIGN KEY ("recall_id") REFERENCES "public"."recalls"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "recall_acknowledgements" ADD CONSTRAINT "recall_acknowledgements_point_id_sites_id_fk" FOREIGN KEY ("point_id") REFERENCES "public"."sites"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "recall_acknowledgements" ADD CONSTRAINT "recall_acknowledgements_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "recall_bags" ADD CONSTRAINT "recall_bags_recall_id_recalls_id_fk" FOREIGN KEY ("recall_id") REFERENCES "public"."recalls"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "recall_bags" ADD CONSTRAINT "recall_bags_bag_id_bags_id_fk" FOREIGN KEY ("bag_id") REFERENCES "public"."bags"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "recall_bags" ADD CONSTRAINT "recall_bags_point_id_sites_id_fk" FOREIGN KEY ("point_id") REFERENCES "public"."sites"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "recall_lots" ADD CONSTRAINT "recall_lots_recall_id_recalls_id_fk" FOREIGN KEY ("recall_id") REFERENCES "public"."recalls"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "recall_lots" ADD CONSTRAINT "recall_lots_lot_id_lots_id_fk" FOREIGN KEY ("lot_id") REFERENCES "public"."lots"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "recall_points" ADD CONSTRAINT "recall_points_recall_id_recalls_id_fk" FOREIGN KEY ("recall_id") REFERENCES "public"."recalls"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "recall_points" ADD CONSTRAINT "recall_points_point_id_sites_id_fk" FOREIGN KEY ("point_id") REFERENCES "public"."sites"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "recalls" ADD CONSTRAINT "recalls_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "recall_acks_recall_idx" ON "recall_acknowledgements" USING btree ("recall_id","point_id");--> statement-breakpoint
ALTER TABLE "alerts" ADD CONSTRAINT "alerts_resolved_by_users_id_fk" FOREIGN KEY ("resolved_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "bag_events" ADD CONSTRAINT "bag_events_alert_id_alerts_id_fk" FOREIGN KEY ("alert_id") REFERENCES "public"."alerts"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "bag_events" ADD CONSTRAINT "bag_events_storage_unit_id_storage_units_id_fk" FOREIGN KEY ("storage_unit_id") REFERENCES "public"."storage_units"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "bags" ADD CONSTRAINT "bags_storage_unit_id_storage_units_id_fk" FOREIGN KEY ("storage_unit_id") REFERENCES "public"."storage_units"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "packing_runs" ADD CONSTRAINT "packing_runs_storage_unit_id_storage_units_id_fk" FOREIGN KEY ("storage_unit_id") REFERENCES "public"."storage_units"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "alerts_closed_at_idx" ON "alerts" USING btree ("closed_at","id") WHERE "alerts"."closed_at" is not null;--> statement-breakpoint
CREATE INDEX "bag_events_alert_idx" ON "bag_events" USING btree ("alert_id") WHERE "bag_events"."alert_id" is not null;--> statement-breakpoint
CREATE INDEX "bags_unit_idx" ON "bags" USING btree ("storage_unit_id") WHERE "bags"."status" in ('in_stock', 'reserved', 'held');