ALTER TABLE "organisations" DROP CONSTRAINT "organisations_name_unique";--> statement-breakpoint
-- Written by hand. Names that differ only in case or surrounding spaces were accepted before
-- this index. The first organisation of such a group (by creation) keeps its name; each
-- later one gets its id appended, "Name (<id>)" (unique because the id is), so nothing is
-- lost, sites and users keep pointing at the same rows, and a coordinator sees what to merge
-- or rename.
UPDATE "organisations" o SET "name" = btrim(o."name") || ' (' || o."id"::text || ')', "updated_at" = now()
FROM (
  SELECT "id", row_number() OVER (PARTITION BY lower(btrim("name")) ORDER BY "created_at", "id") AS n FROM "organisations"
) d
WHERE o."id" = d."id" AND d.n > 1;--> statement-breakpoint
CREATE UNIQUE INDEX "organisations_name_ci_key" ON "organisations" USING btree (lower(btrim("name")));
