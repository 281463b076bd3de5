-- Console search: full-text search over complaints and replies, trigram for partial/misspelt words.
CREATE EXTENSION IF NOT EXISTS pg_trgm;
--> statement-breakpoint
ALTER TABLE complaints ADD COLUMN search_vector tsvector GENERATED ALWAYS AS (
  setweight(to_tsvector('simple', coalesce(number, '')), 'A') ||
  setweight(to_tsvector('simple', coalesce(title, '')), 'A') ||
  setweight(to_tsvector('simple', coalesce(name, '')), 'B') ||
  setweight(to_tsvector('simple', coalesce(description, '')), 'C')
) STORED;
--> statement-breakpoint
CREATE INDEX complaints_search_idx ON complaints USING gin (search_vector);
--> statement-breakpoint
CREATE INDEX complaints_title_trgm_idx ON complaints USING gin (title gin_trgm_ops);
--> statement-breakpoint
CREATE INDEX complaints_name_trgm_idx ON complaints USING gin (name gin_trgm_ops);
--> statement-breakpoint
ALTER TABLE complaint_events ADD COLUMN search_vector tsvector GENERATED ALWAYS AS (
  to_tsvector('simple', coalesce(body, ''))
) STORED;
--> statement-breakpoint
CREATE INDEX complaint_events_search_idx ON complaint_events USING gin (search_vector);
