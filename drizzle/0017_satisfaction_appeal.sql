CREATE TABLE "complaint_satisfaction" (
	"id" serial PRIMARY KEY NOT NULL,
	"complaint_id" uuid NOT NULL,
	"round" smallint DEFAULT 1 NOT NULL,
	"satisfied" boolean NOT NULL,
	"rating" smallint NOT NULL,
	"comment" text,
	"channel" varchar(8) NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "complaints" ADD COLUMN "appeal_opened_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "complaint_satisfaction" ADD CONSTRAINT "complaint_satisfaction_complaint_id_complaints_id_fk" FOREIGN KEY ("complaint_id") REFERENCES "public"."complaints"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "complaint_satisfaction_round_idx" ON "complaint_satisfaction" USING btree ("complaint_id","round");--> statement-breakpoint
CREATE INDEX "complaint_satisfaction_created_idx" ON "complaint_satisfaction" USING btree ("created_at");--> statement-breakpoint
CREATE INDEX "complaints_appeal_idx" ON "complaints" USING btree ("appeal_opened_at");