ALTER TABLE "referrals" ALTER COLUMN "spic" DROP NOT NULL;--> statement-breakpoint
ALTER TABLE "cases" ADD COLUMN "consent" text;--> statement-breakpoint
ALTER TABLE "cases" ADD COLUMN "consent_on" text;--> statement-breakpoint
ALTER TABLE "cases" ADD COLUMN "consent_note" text;--> statement-breakpoint
ALTER TABLE "escalations" ADD COLUMN "forwarded_to" text;--> statement-breakpoint
ALTER TABLE "escalations" ADD COLUMN "forwarded_at" bigint;--> statement-breakpoint
ALTER TABLE "escalations" ADD COLUMN "forwarded_by_id" text;--> statement-breakpoint
ALTER TABLE "escalations" ADD COLUMN "forwarded_note" text;--> statement-breakpoint
ALTER TABLE "members" ADD COLUMN "provider" text;--> statement-breakpoint
ALTER TABLE "teams" ADD COLUMN "leader_platform" text;--> statement-breakpoint
ALTER TABLE "teams" ADD COLUMN "leader_id" text;--> statement-breakpoint
ALTER TABLE "teams" ADD COLUMN "leader_name" text;