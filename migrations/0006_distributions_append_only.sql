-- Distribution records are history like the ledger: inserted, never updated, deleted or
-- truncated. A correction is a new record that supersedes the old one.
CREATE TRIGGER distributions_append_only BEFORE UPDATE OR DELETE ON distributions
  FOR EACH ROW EXECUTE FUNCTION kassi_refuse_history_change();
--> statement-breakpoint
CREATE TRIGGER distributions_no_truncate BEFORE TRUNCATE ON distributions
  FOR EACH STATEMENT EXECUTE FUNCTION kassi_refuse_history_change();
