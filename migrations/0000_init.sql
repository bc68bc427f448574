CREATE TABLE "auth_tokens" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"user_id" uuid NOT NULL,
	"token_hash" text NOT NULL,
	"expires_at" timestamp with time zone NOT NULL,
	"revoked_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "auth_tokens_token_hash_unique" UNIQUE("token_hash")
);
--> statement-breakpoint
CREATE TABLE "idempotency_keys" (
	"user_id" uuid NOT NULL,
	"key" text NOT NULL,
	"method" text NOT NULL,
	"path" text NOT NULL,
	"request_hash" text NOT NULL,
	"response_status" integer NOT NULL,
	"response_body" jsonb,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"expires_at" timestamp with time zone NOT NULL,
	CONSTRAINT "idempotency_keys_user_id_key_pk" PRIMARY KEY("user_id","key")
);
--> statement-breakpoint
CREATE TABLE "users" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"email" text NOT NULL,
	"name" text NOT NULL,
	"role" text NOT NULL,
	"point_id" uuid,
	"password_hash" text NOT NULL,
	"phone" text,
	"active" boolean DEFAULT true NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "users_email_unique" UNIQUE("email"),
	CONSTRAINT "users_point_lead_has_point" CHECK (("users"."role" = 'point_lead') = ("users"."point_id" is not null))
);
--> statement-breakpoint
CREATE TABLE "distribution_days" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"point_id" uuid NOT NULL,
	"weekday" text NOT NULL,
	"start" text NOT NULL,
	"end" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "pickup_schedules" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"donor_id" uuid NOT NULL,
	"weekdays" text[] NOT NULL,
	"window_start" text NOT NULL,
	"window_end" text NOT NULL,
	"expected_g" bigint NOT NULL,
	"requires_refrigeration" boolean DEFAULT false NOT NULL,
	"season_start" text,
	"season_end" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "sites" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"kind" text NOT NULL,
	"name" text NOT NULL,
	"municipality" text NOT NULL,
	"address" text DEFAULT '' NOT NULL,
	"lat" double precision NOT NULL,
	"lon" double precision NOT NULL,
	"service_minutes" integer DEFAULT 10 NOT NULL,
	"opens_at" text,
	"closes_at" text,
	"depot_id" uuid,
	"contact" text,
	"donor_kind" text,
	"external_key" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "sites_external_key_unique" UNIQUE("external_key"),
	CONSTRAINT "sites_lat_range" CHECK ("sites"."lat" between -90 and 90),
	CONSTRAINT "sites_lon_range" CHECK ("sites"."lon" between -180 and 180)
);
--> statement-breakpoint
CREATE TABLE "vehicles" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"depot_id" uuid NOT NULL,
	"name" text NOT NULL,
	"refrigerated" boolean DEFAULT false NOT NULL,
	"capacity_g" bigint NOT NULL,
	"capacity_bags" integer NOT NULL,
	"shift_start" text NOT NULL,
	"shift_end" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "storage_units" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"depot_id" uuid NOT NULL,
	"name" text NOT NULL,
	"temperature_class" text NOT NULL,
	"capacity_g" bigint NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "temperature_readings" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"storage_unit_id" uuid NOT NULL,
	"celsius" double precision NOT NULL,
	"at" timestamp with time zone NOT NULL,
	"excursion" boolean NOT NULL,
	"warning" boolean NOT NULL,
	"recorded_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "alerts" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"kind" text NOT NULL,
	"storage_unit_id" uuid,
	"reading_id" uuid,
	"detail" text NOT NULL,
	"opened_at" timestamp with time zone DEFAULT now() NOT NULL,
	"closed_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "intakes" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"donor_id" uuid NOT NULL,
	"depot_id" uuid NOT NULL,
	"received_at" timestamp with time zone NOT NULL,
	"created_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "ledger_entries" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"lot_id" uuid NOT NULL,
	"depot_id" uuid NOT NULL,
	"kind" text NOT NULL,
	"grams" bigint NOT NULL,
	"reason" text,
	"at" timestamp with time zone NOT NULL,
	"packing_run_id" uuid,
	"created_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "lot_events" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"lot_id" uuid NOT NULL,
	"kind" text NOT NULL,
	"data" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"at" timestamp with time zone DEFAULT now() NOT NULL,
	"created_by" uuid
);
--> statement-breakpoint
CREATE TABLE "lots" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"intake_id" uuid NOT NULL,
	"donor_id" uuid NOT NULL,
	"depot_id" uuid NOT NULL,
	"category" text NOT NULL,
	"temperature_class" text NOT NULL,
	"date_kind" text NOT NULL,
	"date" date,
	"storage_unit_id" uuid NOT NULL,
	"received_g" bigint NOT NULL,
	"stock_g" bigint NOT NULL,
	"receipt_celsius" double precision,
	"received_at" timestamp with time zone NOT NULL,
	"on_hold" boolean DEFAULT false NOT NULL,
	"frozen_on" date,
	"checked_on" date,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "lots_stock_not_negative" CHECK ("lots"."stock_g" >= 0)
);
--> statement-breakpoint
CREATE TABLE "bag_events" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"bag_id" uuid NOT NULL,
	"from_status" text,
	"to_status" text NOT NULL,
	"reservation_id" uuid,
	"reason" text,
	"at" timestamp with time zone DEFAULT now() NOT NULL,
	"created_by" uuid
);
--> statement-breakpoint
CREATE TABLE "bags" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"packing_run_id" uuid NOT NULL,
	"depot_id" uuid NOT NULL,
	"bag_type" text NOT NULL,
	"weight_g" bigint NOT NULL,
	"earliest_use_by" date,
	"status" text DEFAULT 'in_stock' NOT NULL,
	"reservation_id" uuid,
	"packed_at" timestamp with time zone NOT NULL,
	"status_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "packing_run_lots" (
	"packing_run_id" uuid NOT NULL,
	"lot_id" uuid NOT NULL,
	"grams" bigint NOT NULL,
	CONSTRAINT "packing_run_lots_packing_run_id_lot_id_pk" PRIMARY KEY("packing_run_id","lot_id")
);
--> statement-breakpoint
CREATE TABLE "packing_runs" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"depot_id" uuid NOT NULL,
	"bag_type" text NOT NULL,
	"bag_count" integer NOT NULL,
	"packed_at" timestamp with time zone NOT NULL,
	"created_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "reservation_caps" (
	"point_id" uuid NOT NULL,
	"bag_type" text NOT NULL,
	"bags_per_day" integer NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "reservation_caps_point_id_bag_type_pk" PRIMARY KEY("point_id","bag_type")
);
--> statement-breakpoint
CREATE TABLE "reservations" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"point_id" uuid NOT NULL,
	"depot_id" uuid NOT NULL,
	"date" date NOT NULL,
	"bag_type" text NOT NULL,
	"bags" integer NOT NULL,
	"status" text DEFAULT 'held' NOT NULL,
	"bags_delivered" integer,
	"bags_received" integer,
	"created_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"cancelled_at" timestamp with time zone,
	"dispatched_at" timestamp with time zone,
	"delivered_at" timestamp with time zone,
	"confirmed_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "route_plans" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"depot_id" uuid NOT NULL,
	"date" date NOT NULL,
	"version" integer NOT NULL,
	"status" text DEFAULT 'queued' NOT NULL,
	"error" text,
	"totals" jsonb,
	"unassigned" jsonb,
	"requested_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"finished_at" timestamp with time zone,
	"published_at" timestamp with time zone,
	CONSTRAINT "route_plans_version_uq" UNIQUE("depot_id","date","version")
);
--> statement-breakpoint
CREATE TABLE "route_stops" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"route_id" uuid NOT NULL,
	"seq" integer NOT NULL,
	"site_id" uuid NOT NULL,
	"kind" text NOT NULL,
	"task_id" text NOT NULL,
	"arrival" timestamp with time zone NOT NULL,
	"departure" timestamp with time zone NOT NULL,
	"window_start" timestamp with time zone NOT NULL,
	"window_end" timestamp with time zone NOT NULL,
	"grams" bigint NOT NULL,
	"bags" integer NOT NULL,
	"bag_type" text,
	"reservation_ids" uuid[] DEFAULT '{}' NOT NULL,
	"load_g_after" bigint NOT NULL,
	"load_bags_after" integer NOT NULL,
	"status" text DEFAULT 'planned' NOT NULL,
	"bags_delivered" integer,
	"g_collected" bigint,
	"note" text,
	"completed_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "routes" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"plan_id" uuid NOT NULL,
	"vehicle_id" uuid NOT NULL,
	"driver_id" uuid,
	"start" timestamp with time zone NOT NULL,
	"end" timestamp with time zone NOT NULL,
	"distance_km" double precision NOT NULL,
	"duration_min" double precision NOT NULL
);
--> statement-breakpoint
CREATE TABLE "tallies" (
	"day" date NOT NULL,
	"depot_id" uuid NOT NULL,
	"dimension" text NOT NULL,
	"key" text NOT NULL,
	"g_in" bigint DEFAULT 0 NOT NULL,
	"g_discarded" bigint DEFAULT 0 NOT NULL,
	"discarded_by_reason" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"g_adjusted" bigint DEFAULT 0 NOT NULL,
	"bags_packed" integer DEFAULT 0 NOT NULL,
	"g_packed" bigint DEFAULT 0 NOT NULL,
	"bags_delivered" integer DEFAULT 0 NOT NULL,
	"g_delivered" bigint DEFAULT 0 NOT NULL,
	"stock_end_g" bigint DEFAULT 0 NOT NULL,
	"computed_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "tallies_day_depot_id_dimension_key_pk" PRIMARY KEY("day","depot_id","dimension","key")
);
--> statement-breakpoint
CREATE TABLE "outbox" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"name" text NOT NULL,
	"payload" jsonb NOT NULL,
	"job_id" text,
	"delay_ms" integer DEFAULT 0 NOT NULL,
	"attempts" integer DEFAULT 0 NOT NULL,
	"last_error" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"sent_at" timestamp with time zone
);
--> statement-breakpoint
ALTER TABLE "auth_tokens" ADD CONSTRAINT "auth_tokens_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "idempotency_keys" ADD CONSTRAINT "idempotency_keys_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "users" ADD CONSTRAINT "users_point_id_sites_id_fk" FOREIGN KEY ("point_id") REFERENCES "public"."sites"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "distribution_days" ADD CONSTRAINT "distribution_days_point_id_sites_id_fk" FOREIGN KEY ("point_id") REFERENCES "public"."sites"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "pickup_schedules" ADD CONSTRAINT "pickup_schedules_donor_id_sites_id_fk" FOREIGN KEY ("donor_id") REFERENCES "public"."sites"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "vehicles" ADD CONSTRAINT "vehicles_depot_id_sites_id_fk" FOREIGN KEY ("depot_id") REFERENCES "public"."sites"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "storage_units" ADD CONSTRAINT "storage_units_depot_id_sites_id_fk" FOREIGN KEY ("depot_id") REFERENCES "public"."sites"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "temperature_readings" ADD CONSTRAINT "temperature_readings_storage_unit_id_storage_units_id_fk" FOREIGN KEY ("storage_unit_id") REFERENCES "public"."storage_units"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "temperature_readings" ADD CONSTRAINT "temperature_readings_recorded_by_users_id_fk" FOREIGN KEY ("recorded_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "alerts" ADD CONSTRAINT "alerts_storage_unit_id_storage_units_id_fk" FOREIGN KEY ("storage_unit_id") REFERENCES "public"."storage_units"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "alerts" ADD CONSTRAINT "alerts_reading_id_temperature_readings_id_fk" FOREIGN KEY ("reading_id") REFERENCES "public"."temperature_readings"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "intakes" ADD CONSTRAINT "intakes_donor_id_sites_id_fk" FOREIGN KEY ("donor_id") REFERENCES "public"."sites"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "intakes" ADD CONSTRAINT "intakes_depot_id_sites_id_fk" FOREIGN KEY ("depot_id") REFERENCES "public"."sites"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "intakes" ADD CONSTRAINT "intakes_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "ledger_entries" ADD CONSTRAINT "ledger_entries_lot_id_lots_id_fk" FOREIGN KEY ("lot_id") REFERENCES "public"."lots"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "ledger_entries" ADD CONSTRAINT "ledger_entries_depot_id_sites_id_fk" FOREIGN KEY ("depot_id") REFERENCES "public"."sites"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "ledger_entries" ADD CONSTRAINT "ledger_entries_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "lot_events" ADD CONSTRAINT "lot_events_lot_id_lots_id_fk" FOREIGN KEY ("lot_id") REFERENCES "public"."lots"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "lot_events" ADD CONSTRAINT "lot_events_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "lots" ADD CONSTRAINT "lots_intake_id_intakes_id_fk" FOREIGN KEY ("intake_id") REFERENCES "public"."intakes"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "lots" ADD CONSTRAINT "lots_donor_id_sites_id_fk" FOREIGN KEY ("donor_id") REFERENCES "public"."sites"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "lots" ADD CONSTRAINT "lots_depot_id_sites_id_fk" FOREIGN KEY ("depot_id") REFERENCES "public"."sites"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "lots" ADD CONSTRAINT "lots_storage_unit_id_storage_units_id_fk" FOREIGN KEY ("storage_unit_id") REFERENCES "public"."storage_units"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "bag_events" ADD CONSTRAINT "bag_events_bag_id_bags_id_fk" FOREIGN KEY ("bag_id") REFERENCES "public"."bags"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "bag_events" ADD CONSTRAINT "bag_events_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "bags" ADD CONSTRAINT "bags_packing_run_id_packing_runs_id_fk" FOREIGN KEY ("packing_run_id") REFERENCES "public"."packing_runs"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "bags" ADD CONSTRAINT "bags_depot_id_sites_id_fk" FOREIGN KEY ("depot_id") REFERENCES "public"."sites"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "packing_run_lots" ADD CONSTRAINT "packing_run_lots_packing_run_id_packing_runs_id_fk" FOREIGN KEY ("packing_run_id") REFERENCES "public"."packing_runs"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "packing_run_lots" ADD CONSTRAINT "packing_run_lots_lot_id_lots_id_fk" FOREIGN KEY ("lot_id") REFERENCES "public"."lots"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "packing_runs" ADD CONSTRAINT "packing_runs_depot_id_sites_id_fk" FOREIGN KEY ("depot_id") REFERENCES "public"."sites"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "packing_runs" ADD CONSTRAINT "packing_runs_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "reservation_caps" ADD CONSTRAINT "reservation_caps_point_id_sites_id_fk" FOREIGN KEY ("point_id") REFERENCES "public"."sites"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "reservations" ADD CONSTRAINT "reservations_point_id_sites_id_fk" FOREIGN KEY ("point_id") REFERENCES "public"."sites"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "reservations" ADD CONSTRAINT "reservations_depot_id_sites_id_fk" FOREIGN KEY ("depot_id") REFERENCES "public"."sites"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "reservations" ADD CONSTRAINT "reservations_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "route_plans" ADD CONSTRAINT "route_plans_depot_id_sites_id_fk" FOREIGN KEY ("depot_id") REFERENCES "public"."sites"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "route_plans" ADD CONSTRAINT "route_plans_requested_by_users_id_fk" FOREIGN KEY ("requested_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "route_stops" ADD CONSTRAINT "route_stops_route_id_routes_id_fk" FOREIGN KEY ("route_id") REFERENCES "public"."routes"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "route_stops" ADD CONSTRAINT "route_stops_site_id_sites_id_fk" FOREIGN KEY ("site_id") REFERENCES "public"."sites"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "routes" ADD CONSTRAINT "routes_plan_id_route_plans_id_fk" FOREIGN KEY ("plan_id") REFERENCES "public"."route_plans"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "routes" ADD CONSTRAINT "routes_vehicle_id_vehicles_id_fk" FOREIGN KEY ("vehicle_id") REFERENCES "public"."vehicles"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "routes" ADD CONSTRAINT "routes_driver_id_users_id_fk" FOREIGN KEY ("driver_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "auth_tokens_expires_idx" ON "auth_tokens" USING btree ("expires_at");--> statement-breakpoint
CREATE INDEX "idempotency_expires_idx" ON "idempotency_keys" USING btree ("expires_at");--> statement-breakpoint
CREATE INDEX "distribution_days_point_idx" ON "distribution_days" USING btree ("point_id");--> statement-breakpoint
CREATE INDEX "pickup_schedules_donor_idx" ON "pickup_schedules" USING btree ("donor_id");--> statement-breakpoint
CREATE INDEX "sites_kind_idx" ON "sites" USING btree ("kind");--> statement-breakpoint
CREATE INDEX "temperature_readings_unit_at_idx" ON "temperature_readings" USING btree ("storage_unit_id","at");--> statement-breakpoint
CREATE INDEX "intakes_depot_received_idx" ON "intakes" USING btree ("depot_id","received_at");--> statement-breakpoint
CREATE INDEX "ledger_lot_idx" ON "ledger_entries" USING btree ("lot_id");--> statement-breakpoint
CREATE INDEX "ledger_depot_at_idx" ON "ledger_entries" USING btree ("depot_id","at");--> statement-breakpoint
CREATE INDEX "lot_events_lot_idx" ON "lot_events" USING btree ("lot_id");--> statement-breakpoint
CREATE INDEX "lots_depot_stock_idx" ON "lots" USING btree ("depot_id","stock_g");--> statement-breakpoint
CREATE INDEX "lots_unit_idx" ON "lots" USING btree ("storage_unit_id");--> statement-breakpoint
CREATE INDEX "lots_date_idx" ON "lots" USING btree ("date");--> statement-breakpoint
CREATE INDEX "lots_donor_received_idx" ON "lots" USING btree ("donor_id","received_at");--> statement-breakpoint
CREATE INDEX "bag_events_bag_idx" ON "bag_events" USING btree ("bag_id");--> statement-breakpoint
CREATE INDEX "bags_available_idx" ON "bags" USING btree ("depot_id","bag_type","status","earliest_use_by");--> statement-breakpoint
CREATE INDEX "bags_reservation_idx" ON "bags" USING btree ("reservation_id");--> statement-breakpoint
CREATE INDEX "bags_run_idx" ON "bags" USING btree ("packing_run_id");--> statement-breakpoint
CREATE INDEX "packing_run_lots_lot_idx" ON "packing_run_lots" USING btree ("lot_id");--> statement-breakpoint
CREATE INDEX "reservations_point_date_idx" ON "reservations" USING btree ("point_id","date");--> statement-breakpoint
CREATE INDEX "reservations_date_idx" ON "reservations" USING btree ("date");--> statement-breakpoint
CREATE INDEX "route_stops_route_idx" ON "route_stops" USING btree ("route_id");--> statement-breakpoint
CREATE INDEX "routes_plan_idx" ON "routes" USING btree ("plan_id");--> statement-breakpoint
CREATE INDEX "routes_driver_idx" ON "routes" USING btree ("driver_id");--> statement-breakpoint
CREATE INDEX "tallies_dimension_day_idx" ON "tallies" USING btree ("dimension","day");--> statement-breakpoint
CREATE INDEX "outbox_unsent_idx" ON "outbox" USING btree ("id") WHERE sent_at is null;