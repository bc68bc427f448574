-- History is append-only: the ledger, lot events, bag events and temperature readings
-- can be inserted but never updated, deleted or truncated. A mistake is corrected by a
-- compensating entry.
CREATE OR REPLACE FUNCTION kassi_refuse_history_change() RETURNS trigger AS $$
BEGIN
  RAISE EXCEPTION 'table % is append-only', TG_TABLE_NAME USING ERRCODE = 'restrict_violation';
END;
$$ LANGUAGE plpgsql;
--> statement-breakpoint
CREATE TRIGGER ledger_entries_append_only BEFORE UPDATE OR DELETE ON ledger_entries
  FOR EACH ROW EXECUTE FUNCTION kassi_refuse_history_change();
--> statement-breakpoint
CREATE TRIGGER ledger_entries_no_truncate BEFORE TRUNCATE ON ledger_entries
  FOR EACH STATEMENT EXECUTE FUNCTION kassi_refuse_history_change();
--> statement-breakpoint
CREATE TRIGGER lot_events_append_only BEFORE UPDATE OR DELETE ON lot_events
  FOR EACH ROW EXECUTE FUNCTION kassi_refuse_history_change();
--> statement-breakpoint
CREATE TRIGGER lot_events_no_truncate BEFORE TRUNCATE ON lot_events
  FOR EACH STATEMENT EXECUTE FUNCTION kassi_refuse_history_change();
--> statement-breakpoint
CREATE TRIGGER bag_events_append_only BEFORE UPDATE OR DELETE ON bag_events
  FOR EACH ROW EXECUTE FUNCTION kassi_refuse_history_change();
--> statement-breakpoint
CREATE TRIGGER bag_events_no_truncate BEFORE TRUNCATE ON bag_events
  FOR EACH STATEMENT EXECUTE FUNCTION kassi_refuse_history_change();
--> statement-breakpoint
CREATE TRIGGER temperature_readings_append_only BEFORE UPDATE OR DELETE ON temperature_readings
  FOR EACH ROW EXECUTE FUNCTION kassi_refuse_history_change();
--> statement-breakpoint
CREATE TRIGGER temperature_readings_no_truncate BEFORE TRUNCATE ON temperature_readings
  FOR EACH STATEMENT EXECUTE FUNCTION kassi_refuse_history_change();
