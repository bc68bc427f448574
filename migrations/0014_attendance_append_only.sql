-- Written by hand. Attendance is history like the ledger and the distribution records:
-- inserted, never updated, deleted or truncated. A correction is a new record that
-- supersedes the previous one (see 0013).
CREATE TRIGGER shift_attendance_append_only BEFORE UPDATE OR DELETE ON shift_attendance
  FOR EACH ROW EXECUTE FUNCTION kassi_refuse_history_change();
--> statement-breakpoint
CREATE TRIGGER shift_attendance_no_truncate BEFORE TRUNCATE ON shift_attendance
  FOR EACH STATEMENT EXECUTE FUNCTION kassi_refuse_history_change();
