ALTER TABLE `teams_conversations` ADD `team_id` text;--> statement-breakpoint
ALTER TABLE `teams_conversations` ADD `channel_type` text;