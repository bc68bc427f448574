-- Written by hand. Bags packed before bags had a temperature class get the coldest class
-- among their contents (the lots of their packing run); runs get the class of their bags.
UPDATE "bags" b SET "temperature_class" = c.cls
FROM (
  SELECT prl.packing_run_id,
    CASE max(CASE l.temperature_class WHEN 'frozen' THEN 2 WHEN 'chilled' THEN 1 ELSE 0 END)
      WHEN 2 THEN 'frozen' WHEN 1 THEN 'chilled' ELSE 'ambient' END AS cls
  FROM "packing_run_lots" prl JOIN "lots" l ON l.id = prl.lot_id
  GROUP BY prl.packing_run_id
) c
WHERE b.packing_run_id = c.packing_run_id;
--> statement-breakpoint
UPDATE "packing_runs" r SET "temperature_class" = b.temperature_class
FROM (SELECT DISTINCT ON (packing_run_id) packing_run_id, temperature_class FROM "bags" ORDER BY packing_run_id, temperature_class) b
WHERE r.id = b.packing_run_id;
--> statement-breakpoint
-- What was refused at the door and what went into each bag are history: append-only.
CREATE TRIGGER intake_refusals_append_only BEFORE UPDATE OR DELETE ON intake_refusals
  FOR EACH ROW EXECUTE FUNCTION kassi_refuse_history_change();
--> statement-breakpoint
CREATE TRIGGER intake_refusals_no_truncate BEFORE TRUNCATE ON intake_refusals
  FOR EACH STATEMENT EXECUTE FUNCTION kassi_refuse_history_change();
--> statement-breakpoint
CREATE TRIGGER bag_contents_append_only BEFORE UPDATE OR DELETE ON bag_contents
  FOR EACH ROW EXECUTE FUNCTION kassi_refuse_history_change();
--> statement-breakpoint
CREATE TRIGGER bag_contents_no_truncate BEFORE TRUNCATE ON bag_contents
  FOR EACH STATEMENT EXECUTE FUNCTION kassi_refuse_history_change();
--> statement-breakpoint
-- The report index covers every figure the reports read, now with the refused kilos.
DROP INDEX "tallies_report_idx";
--> statement-breakpoint
CREATE INDEX "tallies_report_idx" ON "tallies" USING btree ("dimension", "day") INCLUDE ("depot_id", "key", "g_in", "g_discarded", "discarded_by_reason", "g_adjusted", "bags_packed", "g_packed", "bags_delivered", "g_delivered", "stock_end_g", "g_refused", "refused_by_reason");
