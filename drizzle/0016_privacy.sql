ALTER TABLE "complaints" ADD COLUMN "anonymised_at" timestamp with time zone;--> statement-breakpoint
-- PDPA retention (lib/privacy/retention.ts). The history stays append-only with one sanctioned
-- exception: anonymise_complaint() may rewrite the author name and body of the events of ONE closed
-- complaint that is not yet anonymised, and nothing else of them.
--
-- What this guards against: any ordinary UPDATE or DELETE of events from the application, the ORM,
-- a console mistake or a bug (refused as before); and even a session that sets the flag by hand can
-- only touch author_name/body of a closed, not yet anonymised complaint's events, never delete one,
-- never change its type, times, status moves, data or author.
-- What it does NOT guard against: someone who can run arbitrary SQL as the table owner or a
-- superuser can set the flag themselves, or drop the trigger. The app's database role owns these
-- tables, so SECURITY DEFINER would add nothing; a separate, less privileged role is the defence
-- against that, and is out of this file's reach (see docs/OPERATIONS.md).
CREATE OR REPLACE FUNCTION complaint_events_append_only() RETURNS trigger AS $$
BEGIN
  IF TG_OP = 'UPDATE'
     AND coalesce(current_setting('helpdesk.anonymising', true), '') = OLD.complaint_id::text
     AND NEW.id = OLD.id
     AND NEW.complaint_id = OLD.complaint_id
     AND NEW.type = OLD.type
     AND NEW.data IS NOT DISTINCT FROM OLD.data
     AND NEW.from_status IS NOT DISTINCT FROM OLD.from_status
     AND NEW.to_status IS NOT DISTINCT FROM OLD.to_status
     AND NEW.author_type = OLD.author_type
     AND NEW.author_user_id IS NOT DISTINCT FROM OLD.author_user_id
     AND NEW.internal = OLD.internal
     AND NEW.created_at = OLD.created_at
     AND EXISTS (
       SELECT 1 FROM complaints c
        WHERE c.id = OLD.complaint_id AND c.status = 'ditutup' AND c.closed_at IS NOT NULL AND c.anonymised_at IS NULL
     )
  THEN
    RETURN NEW;
  END IF;
  RAISE EXCEPTION 'complaint_events is append-only';
END;
$$ LANGUAGE plpgsql;
--> statement-breakpoint
-- Anonymises one closed complaint: the complainant's details cleared, their events' author name
-- replaced, and every match of `p_name_pattern` (a case-insensitive regular expression of the
-- name, built by the caller) in the events' bodies, the title and the description replaced.
-- Returns the number of events rewritten, or -1 when the complaint is not closed or already
-- anonymised (so a second run changes nothing). The flag is transaction-local and cleared again.
CREATE OR REPLACE FUNCTION anonymise_complaint(p_id uuid, p_name_pattern text, p_replacement text) RETURNS integer AS $$
DECLARE
  n integer;
BEGIN
  PERFORM 1 FROM complaints
    WHERE id = p_id AND status = 'ditutup' AND closed_at IS NOT NULL AND anonymised_at IS NULL
    FOR UPDATE;
  IF NOT FOUND THEN
    RETURN -1;
  END IF;
  PERFORM set_config('helpdesk.anonymising', p_id::text, true);
  UPDATE complaint_events
     SET author_name = CASE WHEN author_type = 'complainant' THEN p_replacement ELSE author_name END,
         body = CASE WHEN body IS NULL THEN NULL ELSE regexp_replace(body, p_name_pattern, p_replacement, 'gi') END
   WHERE complaint_id = p_id
     AND (author_type = 'complainant' OR body ~* p_name_pattern);
  GET DIAGNOSTICS n = ROW_COUNT;
  PERFORM set_config('helpdesk.anonymising', '', true);
  UPDATE complaints
     SET name = p_replacement,
         ic_encrypted = '',
         ic_hash = '',
         ic_last4 = '',
         phone = '',
         email = '',
         whatsapp_consent = false,
         title = regexp_replace(title, p_name_pattern, p_replacement, 'gi'),
         description = regexp_replace(description, p_name_pattern, p_replacement, 'gi'),
         anonymised_at = now()
   WHERE id = p_id;
  RETURN n;
END;
$$ LANGUAGE plpgsql;
