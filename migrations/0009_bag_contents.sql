CREATE TABLE "bag_contents" (
	"bag_id" uuid NOT NULL,
	"lot_id" uuid NOT NULL,
	"grams" bigint NOT NULL,
	CONSTRAINT "bag_contents_bag_id_lot_id_pk" PRIMARY KEY("bag_id","lot_id")
);
--> statement-breakpoint
ALTER TABLE "lots" ADD COLUMN "line" integer;--> statement-breakpoint
ALTER TABLE "bag_contents" ADD CONSTRAINT "bag_contents_bag_id_bags_id_fk" FOREIGN KEY ("bag_id") REFERENCES "public"."bags"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "bag_contents" ADD CONSTRAINT "bag_contents_lot_id_lots_id_fk" FOREIGN KEY ("lot_id") REFERENCES "public"."lots"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "bag_contents_lot_idx" ON "bag_contents" USING btree ("lot_id");--> statement-breakpoint
CREATE INDEX "intakes_donor_received_idx" ON "intakes" USING btree ("donor_id","received_at");