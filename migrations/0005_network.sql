CREATE TABLE "organisations" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"name" text NOT NULL,
	"business_id" text,
	"food_aid_municipality" text,
	"food_aid_registered_on" date,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "organisations_name_unique" UNIQUE("name"),
	CONSTRAINT "organisations_business_id_unique" UNIQUE("business_id")
);
--> statement-breakpoint
CREATE TABLE "distributions" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"point_id" uuid NOT NULL,
	"date" date NOT NULL,
	"households" integer NOT NULL,
	"persons" integer,
	"children" integer,
	"seniors" integer,
	"bags_handed_out" integer NOT NULL,
	"note" text,
	"supersedes_id" uuid,
	"recorded_by" uuid NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "distributions_counts_not_negative" CHECK ("distributions"."households" >= 0 and "distributions"."bags_handed_out" >= 0
    and coalesce("distributions"."persons", 0) >= 0 and coalesce("distributions"."children", 0) >= 0 and coalesce("distributions"."seniors", 0) >= 0)
);
--> statement-breakpoint
ALTER TABLE "users" ADD COLUMN "organisation_id" uuid;--> statement-breakpoint
ALTER TABLE "sites" ADD COLUMN "organisation_id" uuid;--> statement-breakpoint
ALTER TABLE "distributions" ADD CONSTRAINT "distributions_point_id_sites_id_fk" FOREIGN KEY ("point_id") REFERENCES "public"."sites"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "distributions" ADD CONSTRAINT "distributions_supersedes_id_distributions_id_fk" FOREIGN KEY ("supersedes_id") REFERENCES "public"."distributions"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "distributions" ADD CONSTRAINT "distributions_recorded_by_users_id_fk" FOREIGN KEY ("recorded_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "distributions_supersedes_idx" ON "distributions" USING btree ("supersedes_id");--> statement-breakpoint
CREATE INDEX "distributions_point_date_idx" ON "distributions" USING btree ("point_id","date");--> statement-breakpoint
CREATE INDEX "distributions_date_idx" ON "distributions" USING btree ("date");--> statement-breakpoint
ALTER TABLE "users" ADD CONSTRAINT "users_organisation_id_organisations_id_fk" FOREIGN KEY ("organisation_id") REFERENCES "public"."organisations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "sites" ADD CONSTRAINT "sites_organisation_id_organisations_id_fk" FOREIGN KEY ("organisation_id") REFERENCES "public"."organisations"("id") ON DELETE no action ON UPDATE no action;