DROP INDEX "complaints_closed_at_idx";--> statement-breakpoint
ALTER TABLE "complaints" ADD COLUMN "first_response_minutes" integer;--> statement-breakpoint
ALTER TABLE "complaints" ADD COLUMN "resolution_minutes" integer;--> statement-breakpoint
CREATE INDEX "complaint_events_type_created_idx" ON "complaint_events" USING btree ("type","created_at","author_type","author_user_id","complaint_id");--> statement-breakpoint
CREATE INDEX "complaints_report_idx" ON "complaints" USING btree ("created_at","category_id","ptj_id","assigned_to","status","first_responded_at","first_response_due_at","resolution_due_at","closed_at","clock_paused_at","first_response_minutes","resolution_minutes");--> statement-breakpoint
CREATE INDEX "complaints_durations_missing_idx" ON "complaints" USING btree ("created_at") WHERE (first_responded_at is not null and first_response_minutes is null) or (((status = 'ditutup' and closed_at is not null) or (status = 'selesai' and clock_paused_at is not null)) and resolution_minutes is null);--> statement-breakpoint
CREATE INDEX "complaints_closed_at_idx" ON "complaints" USING btree ("closed_at","status","category_id","ptj_id","assigned_to","clock_paused_at","resolution_minutes");--> statement-breakpoint
-- The stored working minutes are derived data (lib/reports/stored-durations.ts): an UPDATE that
-- changes what one is computed from without writing it too clears it, so a path that forgets
-- leaves it missing (the reports then compute it live), never wrong.
CREATE OR REPLACE FUNCTION complaints_durations_guard() RETURNS trigger AS $$
BEGIN
  IF (NEW.created_at, NEW.first_responded_at) IS DISTINCT FROM (OLD.created_at, OLD.first_responded_at)
     AND NEW.first_response_minutes IS NOT DISTINCT FROM OLD.first_response_minutes THEN
    NEW.first_response_minutes := NULL;
  END IF;
  IF (NEW.created_at, NEW.status, NEW.closed_at, NEW.clock_paused_at, NEW.clock_paused_minutes)
       IS DISTINCT FROM (OLD.created_at, OLD.status, OLD.closed_at, OLD.clock_paused_at, OLD.clock_paused_minutes)
     AND NEW.resolution_minutes IS NOT DISTINCT FROM OLD.resolution_minutes THEN
    NEW.resolution_minutes := NULL;
  END IF;
  RETURN NEW;
END;
$$ LANGUAGE plpgsql;
--> statement-breakpoint
CREATE TRIGGER complaints_durations_guard BEFORE UPDATE ON complaints
  FOR EACH ROW EXECUTE FUNCTION complaints_durations_guard();
