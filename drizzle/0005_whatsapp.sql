CREATE TABLE "notification_deliveries" (
	"key" text PRIMARY KEY NOT NULL,
	"channel" varchar(16) NOT NULL,
	"delivered_at" timestamp with time zone DEFAULT now() NOT NULL,
	"provider_id" text
);
