ALTER TABLE `escalations` ADD `forwarded_to` text;--> statement-breakpoint
ALTER TABLE `escalations` ADD `forwarded_at` integer;--> statement-breakpoint
ALTER TABLE `escalations` ADD `forwarded_by_id` text;--> statement-breakpoint
ALTER TABLE `escalations` ADD `forwarded_note` text;