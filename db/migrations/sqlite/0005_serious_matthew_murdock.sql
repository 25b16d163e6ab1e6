ALTER TABLE `teams` ADD `leader_platform` text;--> statement-breakpoint
ALTER TABLE `teams` ADD `leader_id` text;--> statement-breakpoint
ALTER TABLE `teams` ADD `leader_name` text;