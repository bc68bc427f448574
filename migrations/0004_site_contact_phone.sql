ALTER TABLE "sites" ADD COLUMN "contact_name" text;--> statement-breakpoint
ALTER TABLE "sites" ADD COLUMN "phone" text;