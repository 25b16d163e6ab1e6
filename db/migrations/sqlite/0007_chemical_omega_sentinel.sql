ALTER TABLE `audit_log` ADD `reason` text;--> statement-breakpoint
ALTER TABLE `meetings` ADD `cancelled_at` integer;--> statement-breakpoint
ALTER TABLE `safety_scores` ADD `withdrawn_at` integer;--> statement-breakpoint
ALTER TABLE `signals` ADD `withdrawn_at` integer;