ALTER TABLE "lots" ALTER COLUMN "allergens" DROP DEFAULT;--> statement-breakpoint
ALTER TABLE "lots" ALTER COLUMN "allergens" DROP NOT NULL;--> statement-breakpoint
ALTER TABLE "lots" ADD COLUMN "frozen_on_known" boolean DEFAULT true NOT NULL;--> statement-breakpoint
ALTER TABLE "lots" ADD COLUMN "unpackaged" boolean DEFAULT false NOT NULL;--> statement-breakpoint
-- Allergens: unknown is not "none" (issue 18, item 8). Until now a line without `allergens`
-- was stored as '{}', the same as a line that declared none; those rows cannot be told apart,
-- so they become unknown (null): a label then says to check the packages rather than claim
-- that nothing was declared. Rows that listed allergens keep them (declared).
UPDATE "lots" SET "allergens" = NULL WHERE "allergens" = '{}';--> statement-breakpoint
-- The freezing date of chilled food received frozen without the donor's date was the day it
-- came in. Such lots (received frozen, usually chilled, never frozen by Kassi, frozen_on the
-- day received) get frozen_on_known = false, so a label no longer prints the receipt day as
-- "Pakastettu". A donor date that happened to equal the receipt day is treated the same: the
-- label then says the freezing date is not known, which is true of what Kassi can prove.
UPDATE "lots" SET "frozen_on_known" = false
WHERE "temperature_class" = 'frozen'
  AND "category" IN ('dairy', 'meat', 'minced_meat', 'fish', 'smoked_fish', 'ready_meals', 'eggs')
  AND "frozen_on" = ("received_at" AT TIME ZONE 'Europe/Helsinki')::date
  AND NOT EXISTS (SELECT 1 FROM "ledger_entries" e WHERE e."lot_id" = "lots"."id" AND e."kind" = 'freeze');
