ALTER TABLE "teams_conversations" ADD COLUMN "team_id" text;--> statement-breakpoint
ALTER TABLE "teams_conversations" ADD COLUMN "channel_type" text;