ALTER TABLE "audit_log" ADD COLUMN "reason" text;--> statement-breakpoint
ALTER TABLE "meetings" ADD COLUMN "cancelled_at" bigint;--> statement-breakpoint
ALTER TABLE "safety_scores" ADD COLUMN "withdrawn_at" bigint;--> statement-breakpoint
ALTER TABLE "signals" ADD COLUMN "withdrawn_at" bigint;