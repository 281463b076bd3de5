CREATE TABLE "complaint_status_counts" (
	"status" "complaint_status" NOT NULL,
	"shard" smallint NOT NULL,
	"n" bigint NOT NULL,
	CONSTRAINT "complaint_status_counts_status_shard_pk" PRIMARY KEY("status","shard")
);
--> statement-breakpoint
CREATE INDEX "complaint_events_created_idx" ON "complaint_events" USING btree ("created_at");--> statement-breakpoint
CREATE INDEX "complaints_open_created_idx" ON "complaints" USING btree ("created_at","id") WHERE status in ('baru', 'dalam_tindakan', 'menunggu_pengadu', 'selesai');--> statement-breakpoint
CREATE INDEX "complaints_running_due_idx" ON "complaints" USING btree ("resolution_due_at","id") WHERE status in ('baru', 'dalam_tindakan');--> statement-breakpoint
-- Exact counts per status (complaint_status_counts), changed by the same statement as the rows, so
-- they commit or roll back with it. Inserts and deletes statement-level with transition tables: a
-- bulk COPY of a million rows adds five upserts, not a million. Shards spread concurrent writers.
CREATE FUNCTION complaint_status_counts_add(delta_rows jsonb) RETURNS void LANGUAGE sql AS $$
  INSERT INTO complaint_status_counts (status, shard, n)
  SELECT (d->>'status')::complaint_status, (pg_backend_pid() % 8)::smallint, (d->>'n')::bigint
  FROM jsonb_array_elements(delta_rows) AS d
  WHERE (d->>'n')::bigint <> 0
  ON CONFLICT (status, shard) DO UPDATE SET n = complaint_status_counts.n + excluded.n;
$$;
--> statement-breakpoint
CREATE FUNCTION complaint_status_counts_trigger() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  deltas jsonb;
BEGIN
  IF TG_OP = 'INSERT' THEN
    SELECT jsonb_agg(jsonb_build_object('status', status, 'n', n)) INTO deltas
    FROM (SELECT status, count(*) AS n FROM new_rows GROUP BY status) s;
  ELSE
    SELECT jsonb_agg(jsonb_build_object('status', status, 'n', -n)) INTO deltas
    FROM (SELECT status, count(*) AS n FROM old_rows GROUP BY status) s;
  END IF;
  IF deltas IS NOT NULL THEN
    PERFORM complaint_status_counts_add(deltas);
  END IF;
  RETURN NULL;
END;
$$;
--> statement-breakpoint
CREATE TRIGGER complaint_status_counts_insert AFTER INSERT ON complaints
  REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION complaint_status_counts_trigger();
--> statement-breakpoint
-- A status move is one row at a time (moveStatus), and most updates of complaints change no
-- status at all: a row trigger that fires only on a real move costs nothing for the others.
CREATE FUNCTION complaint_status_counts_move() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM complaint_status_counts_add(jsonb_build_array(
    jsonb_build_object('status', OLD.status, 'n', -1),
    jsonb_build_object('status', NEW.status, 'n', 1)));
  RETURN NULL;
END;
$$;
--> statement-breakpoint
CREATE TRIGGER complaint_status_counts_update AFTER UPDATE OF status ON complaints
  FOR EACH ROW WHEN (OLD.status IS DISTINCT FROM NEW.status) EXECUTE FUNCTION complaint_status_counts_move();
--> statement-breakpoint
CREATE TRIGGER complaint_status_counts_delete AFTER DELETE ON complaints
  REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION complaint_status_counts_trigger();
--> statement-breakpoint
CREATE FUNCTION complaint_status_counts_truncate() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  DELETE FROM complaint_status_counts;
  RETURN NULL;
END;
$$;
--> statement-breakpoint
CREATE TRIGGER complaint_status_counts_truncate AFTER TRUNCATE ON complaints
  FOR EACH STATEMENT EXECUTE FUNCTION complaint_status_counts_truncate();
--> statement-breakpoint
INSERT INTO complaint_status_counts (status, shard, n)
SELECT status, 0, count(*) FROM complaints GROUP BY status;
