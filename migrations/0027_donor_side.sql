CREATE TABLE "donor_links" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"site_id" uuid NOT NULL,
	"name" text NOT NULL,
	"phone" text,
	"email" text,
	"token_hash" text NOT NULL,
	"created_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"revoked_at" timestamp with time zone,
	"revoked_by" uuid,
	CONSTRAINT "donor_links_token_hash_unique" UNIQUE("token_hash")
);
--> statement-breakpoint
CREATE TABLE "donor_messages" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"link_id" uuid NOT NULL,
	"offer_id" uuid,
	"channel" text NOT NULL,
	"text" text NOT NULL,
	"status" text DEFAULT 'pending' NOT NULL,
	"attempts" integer DEFAULT 0 NOT NULL,
	"last_error" text,
	"sent_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "donor_sessions" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"link_id" uuid NOT NULL,
	"token_hash" text NOT NULL,
	"expires_at" timestamp with time zone NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "donor_sessions_token_hash_unique" UNIQUE("token_hash")
);
--> statement-breakpoint
CREATE TABLE "offer_outcomes" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"offer_id" uuid NOT NULL,
	"kind" text NOT NULL,
	"date" date,
	"window_start" timestamp with time zone,
	"window_end" timestamp with time zone,
	"depot_id" uuid,
	"reason" text,
	"note" text,
	"decided_by" uuid NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "offer_outcomes_offer_id_unique" UNIQUE("offer_id")
);
--> statement-breakpoint
CREATE TABLE "offers" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"donor_id" uuid NOT NULL,
	"link_id" uuid,
	"recorded_by" uuid,
	"grams" bigint NOT NULL,
	"temperature_class" text NOT NULL,
	"categories" text[] NOT NULL,
	"ready_from" timestamp with time zone NOT NULL,
	"ready_until" timestamp with time zone NOT NULL,
	"note" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "offers_grams_range" CHECK ("offers"."grams" > 0 and "offers"."grams" <= 10000000),
	CONSTRAINT "offers_window" CHECK ("offers"."ready_until" > "offers"."ready_from")
);
--> statement-breakpoint
CREATE TABLE "pickup_skips" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"donor_id" uuid NOT NULL,
	"schedule_id" uuid NOT NULL,
	"date" date NOT NULL,
	"link_id" uuid,
	"created_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"cancelled_at" timestamp with time zone
);
--> statement-breakpoint
ALTER TABLE "idempotency_keys" DROP CONSTRAINT "idempotency_keys_user_id_users_id_fk";
--> statement-breakpoint
ALTER TABLE "sites" ADD COLUMN "active" boolean DEFAULT true NOT NULL;--> statement-breakpoint
ALTER TABLE "donor_links" ADD CONSTRAINT "donor_links_site_id_sites_id_fk" FOREIGN KEY ("site_id") REFERENCES "public"."sites"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "donor_links" ADD CONSTRAINT "donor_links_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "donor_links" ADD CONSTRAINT "donor_links_revoked_by_users_id_fk" FOREIGN KEY ("revoked_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "donor_messages" ADD CONSTRAINT "donor_messages_link_id_donor_links_id_fk" FOREIGN KEY ("link_id") REFERENCES "public"."donor_links"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "donor_messages" ADD CONSTRAINT "donor_messages_offer_id_offers_id_fk" FOREIGN KEY ("offer_id") REFERENCES "public"."offers"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "donor_sessions" ADD CONSTRAINT "donor_sessions_link_id_donor_links_id_fk" FOREIGN KEY ("link_id") REFERENCES "public"."donor_links"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "offer_outcomes" ADD CONSTRAINT "offer_outcomes_offer_id_offers_id_fk" FOREIGN KEY ("offer_id") REFERENCES "public"."offers"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "offer_outcomes" ADD CONSTRAINT "offer_outcomes_depot_id_sites_id_fk" FOREIGN KEY ("depot_id") REFERENCES "public"."sites"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "offer_outcomes" ADD CONSTRAINT "offer_outcomes_decided_by_users_id_fk" FOREIGN KEY ("decided_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "offers" ADD CONSTRAINT "offers_donor_id_sites_id_fk" FOREIGN KEY ("donor_id") REFERENCES "public"."sites"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "offers" ADD CONSTRAINT "offers_link_id_donor_links_id_fk" FOREIGN KEY ("link_id") REFERENCES "public"."donor_links"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "offers" ADD CONSTRAINT "offers_recorded_by_users_id_fk" FOREIGN KEY ("recorded_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "pickup_skips" ADD CONSTRAINT "pickup_skips_donor_id_sites_id_fk" FOREIGN KEY ("donor_id") REFERENCES "public"."sites"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "pickup_skips" ADD CONSTRAINT "pickup_skips_schedule_id_pickup_schedules_id_fk" FOREIGN KEY ("schedule_id") REFERENCES "public"."pickup_schedules"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "pickup_skips" ADD CONSTRAINT "pickup_skips_link_id_donor_links_id_fk" FOREIGN KEY ("link_id") REFERENCES "public"."donor_links"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "pickup_skips" ADD CONSTRAINT "pickup_skips_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "donor_links_site_idx" ON "donor_links" USING btree ("site_id");--> statement-breakpoint
CREATE INDEX "donor_sessions_link_idx" ON "donor_sessions" USING btree ("link_id");--> statement-breakpoint
CREATE INDEX "offer_outcomes_date_idx" ON "offer_outcomes" USING btree ("date");--> statement-breakpoint
CREATE INDEX "offers_donor_idx" ON "offers" USING btree ("donor_id","created_at");--> statement-breakpoint
CREATE UNIQUE INDEX "pickup_skips_live_uq" ON "pickup_skips" USING btree ("schedule_id","date") WHERE "pickup_skips"."cancelled_at" is null;--> statement-breakpoint
CREATE INDEX "pickup_skips_donor_idx" ON "pickup_skips" USING btree ("donor_id","date");--> statement-breakpoint
CREATE TRIGGER offers_append_only BEFORE UPDATE OR DELETE ON offers
  FOR EACH ROW EXECUTE FUNCTION kassi_refuse_history_change();--> statement-breakpoint
CREATE TRIGGER offers_no_truncate BEFORE TRUNCATE ON offers
  FOR EACH STATEMENT EXECUTE FUNCTION kassi_refuse_history_change();--> statement-breakpoint
CREATE TRIGGER offer_outcomes_append_only BEFORE UPDATE OR DELETE ON offer_outcomes
  FOR EACH ROW EXECUTE FUNCTION kassi_refuse_history_change();--> statement-breakpoint
CREATE TRIGGER offer_outcomes_no_truncate BEFORE TRUNCATE ON offer_outcomes
  FOR EACH STATEMENT EXECUTE FUNCTION kassi_refuse_history_change();
