-- The search columns and indexes of 0004 and 0006 are now declared in lib/db/schema.ts (the snapshot
-- knows them; the database already has them). The Auth.js adapter tables were never used: staff
-- sessions are JWTs checked against users.session_version.
DROP TABLE IF EXISTS "accounts" CASCADE;--> statement-breakpoint
DROP TABLE IF EXISTS "sessions" CASCADE;--> statement-breakpoint
DROP TABLE IF EXISTS "verification_tokens" CASCADE;
