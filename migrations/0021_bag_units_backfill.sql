-- Existing bags and packing runs get a storage unit: the depot's first unit of the bag's
-- class (by when it was added), as a new run without a named unit does. A depot with no unit
-- of that class leaves them without one.
UPDATE "bags" b SET "storage_unit_id" = (
  SELECT u."id" FROM "storage_units" u
  WHERE u."depot_id" = b."depot_id" AND u."temperature_class" = b."temperature_class"
  ORDER BY u."created_at", u."id" LIMIT 1
) WHERE b."storage_unit_id" IS NULL;
--> statement-breakpoint
UPDATE "packing_runs" r SET "storage_unit_id" = (
  SELECT u."id" FROM "storage_units" u
  WHERE u."depot_id" = r."depot_id" AND u."temperature_class" = r."temperature_class"
  ORDER BY u."created_at", u."id" LIMIT 1
) WHERE r."storage_unit_id" IS NULL;
--> statement-breakpoint
-- Readings typed in before `entered_at` existed were entered when they were stored.
UPDATE "temperature_readings" SET "entered_at" = "created_at";
