-- Keyset pages of the queue's default sorts read an index instead of sorting the table.
CREATE INDEX IF NOT EXISTS complaints_created_id_idx ON complaints (created_at, id);
--> statement-breakpoint
CREATE INDEX IF NOT EXISTS complaints_updated_id_idx ON complaints (updated_at, id);
--> statement-breakpoint
-- Search indexes take rows straight in, so searches never wade through a pending list after bulk imports.
ALTER INDEX complaints_search_idx SET (fastupdate = off);
--> statement-breakpoint
ALTER INDEX complaint_events_search_idx SET (fastupdate = off);
