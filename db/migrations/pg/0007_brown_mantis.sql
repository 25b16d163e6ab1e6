ALTER TABLE "escalations" ADD COLUMN "forwarded_to" text;--> statement-breakpoint
ALTER TABLE "escalations" ADD COLUMN "forwarded_at" bigint;--> statement-breakpoint
ALTER TABLE "escalations" ADD COLUMN "forwarded_by_id" text;--> statement-breakpoint
ALTER TABLE "escalations" ADD COLUMN "forwarded_note" text;