ALTER TABLE "teams" ADD COLUMN "leader_platform" text;--> statement-breakpoint
ALTER TABLE "teams" ADD COLUMN "leader_id" text;--> statement-breakpoint
ALTER TABLE "teams" ADD COLUMN "leader_name" text;