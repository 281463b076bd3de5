DROP INDEX "complaints_ic_last4_idx";--> statement-breakpoint
CREATE INDEX "complaints_ic_last4_status_idx" ON "complaints" USING btree ("ic_last4","status");