CREATE TABLE "title_words" (
	"word" text PRIMARY KEY NOT NULL
);
--> statement-breakpoint
CREATE INDEX "title_words_word_trgm_idx" ON "title_words" USING gin ("word" gin_trgm_ops);--> statement-breakpoint
-- The words of new titles, statement-level with a transition table: a bulk COPY of a million rows
-- is one insert of its distinct words. Sorted, so concurrent filings that add the same new words
-- take them in the same order (no deadlock); a word already there is skipped.
CREATE FUNCTION title_words_insert() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO title_words (word)
  SELECT DISTINCT w FROM new_rows, unnest(tsvector_to_array(to_tsvector('simple', new_rows.title))) AS w
  ORDER BY w
  ON CONFLICT DO NOTHING;
  RETURN NULL;
END;
$$;
--> statement-breakpoint
CREATE TRIGGER title_words_insert AFTER INSERT ON complaints
  REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION title_words_insert();
--> statement-breakpoint
-- A title change is one row at a time, and Postgres allows no transition table on a trigger with a
-- column list (UPDATE OF title): a row trigger that fires only on a real change costs nothing for
-- the other updates of complaints (status moves, assignments). The one title change the app makes
-- is PDPA anonymisation (anonymise_complaint, 0016_privacy), which takes the complainant's name out
-- of the title: a word the old title had and no title holds any more (this row's new title is
-- already visible here) goes too, so a name never outlives its retention in the vocabulary. Looked
-- up through the full-text index (weight A: title or number), then checked on the titles.
CREATE FUNCTION title_words_update() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO title_words (word)
  SELECT w FROM unnest(tsvector_to_array(to_tsvector('simple', NEW.title))) AS w
  ORDER BY w
  ON CONFLICT DO NOTHING;
  DELETE FROM title_words t
  WHERE t.word IN (SELECT unnest(tsvector_to_array(to_tsvector('simple', OLD.title)))
                   EXCEPT SELECT unnest(tsvector_to_array(to_tsvector('simple', NEW.title))))
    AND NOT EXISTS (
      SELECT 1 FROM complaints c
      WHERE c.search_vector @@ ('''' || replace(replace(t.word, '\', '\\'), '''', '\''') || ''':A')::tsquery
        AND t.word = ANY (tsvector_to_array(to_tsvector('simple', c.title))));
  RETURN NULL;
END;
$$;
--> statement-breakpoint
CREATE TRIGGER title_words_update AFTER UPDATE OF title ON complaints
  FOR EACH ROW WHEN (OLD.title IS DISTINCT FROM NEW.title) EXECUTE FUNCTION title_words_update();
--> statement-breakpoint
INSERT INTO title_words (word)
SELECT DISTINCT w FROM complaints, unnest(tsvector_to_array(to_tsvector('simple', complaints.title))) AS w
ON CONFLICT DO NOTHING;
