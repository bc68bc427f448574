ALTER TABLE "alerts" ADD COLUMN "detail_code" text;--> statement-breakpoint
ALTER TABLE "alerts" ADD COLUMN "detail_params" jsonb;