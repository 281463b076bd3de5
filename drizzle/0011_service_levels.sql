CREATE TYPE "public"."assignment_mode" AS ENUM('manual', 'round_robin', 'least_open');--> statement-breakpoint
CREATE TYPE "public"."complaint_priority" AS ENUM('rendah', 'biasa', 'tinggi', 'kritikal');--> statement-breakpoint
CREATE TABLE "category_targets" (
	"category_id" integer NOT NULL,
	"priority" "complaint_priority" NOT NULL,
	"first_response_hours" integer NOT NULL,
	"resolution_days" integer NOT NULL,
	CONSTRAINT "category_targets_category_id_priority_pk" PRIMARY KEY("category_id","priority")
);
--> statement-breakpoint
CREATE TABLE "holidays" (
	"id" serial PRIMARY KEY NOT NULL,
	"day" date NOT NULL,
	"name" text NOT NULL,
	"source" text,
	"confirmed" boolean DEFAULT true NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "holidays_day_unique" UNIQUE("day")
);
--> statement-breakpoint
CREATE TABLE "sla_notices" (
	"complaint_id" uuid NOT NULL,
	"kind" varchar(32) NOT NULL,
	"due_at" timestamp with time zone NOT NULL,
	"sent_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "sla_notices_complaint_id_kind_due_at_pk" PRIMARY KEY("complaint_id","kind","due_at")
);
--> statement-breakpoint
ALTER TABLE "categories" ADD COLUMN "assignment_mode" "assignment_mode" DEFAULT 'manual' NOT NULL;--> statement-breakpoint
ALTER TABLE "categories" ADD COLUMN "last_assigned_user_id" uuid;--> statement-breakpoint
ALTER TABLE "complaints" ADD COLUMN "priority" "complaint_priority" DEFAULT 'biasa' NOT NULL;--> statement-breakpoint
ALTER TABLE "complaints" ADD COLUMN "first_response_due_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "complaints" ADD COLUMN "resolution_due_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "complaints" ADD COLUMN "resolution_warn_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "complaints" ADD COLUMN "first_responded_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "complaints" ADD COLUMN "clock_paused_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "complaints" ADD COLUMN "clock_paused_minutes" integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "users" ADD COLUMN "away_until" date;--> statement-breakpoint
ALTER TABLE "category_targets" ADD CONSTRAINT "category_targets_category_id_categories_id_fk" FOREIGN KEY ("category_id") REFERENCES "public"."categories"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "sla_notices" ADD CONSTRAINT "sla_notices_complaint_id_complaints_id_fk" FOREIGN KEY ("complaint_id") REFERENCES "public"."complaints"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "categories" ADD CONSTRAINT "categories_last_assigned_user_id_users_id_fk" FOREIGN KEY ("last_assigned_user_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "complaints_resolution_due_idx" ON "complaints" USING btree ("resolution_due_at","id");--> statement-breakpoint
-- Complaints already waiting for the complainant or resolved start with a paused clock, from their last change.
UPDATE "complaints" SET "clock_paused_at" = "updated_at" WHERE "status" IN ('menunggu_pengadu', 'selesai');
