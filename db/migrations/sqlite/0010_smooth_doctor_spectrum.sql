PRAGMA foreign_keys=OFF;--> statement-breakpoint
CREATE TABLE `__new_referrals` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`case_id` integer NOT NULL,
	`provider` text NOT NULL,
	`provider_key` text NOT NULL,
	`role` text NOT NULL,
	`spic` text,
	`referred_on` text NOT NULL,
	`start_due` text NOT NULL,
	`started_on` text,
	`stopped_on` text,
	`stop_reason` text,
	`created_at` integer NOT NULL,
	FOREIGN KEY (`case_id`) REFERENCES `cases`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
INSERT INTO `__new_referrals`("id", "case_id", "provider", "provider_key", "role", "spic", "referred_on", "start_due", "started_on", "stopped_on", "stop_reason", "created_at") SELECT "id", "case_id", "provider", "provider_key", "role", "spic", "referred_on", "start_due", "started_on", "stopped_on", "stop_reason", "created_at" FROM `referrals`;--> statement-breakpoint
DROP TABLE `referrals`;--> statement-breakpoint
ALTER TABLE `__new_referrals` RENAME TO `referrals`;--> statement-breakpoint
PRAGMA foreign_keys=ON;--> statement-breakpoint
CREATE INDEX `referrals_case_idx` ON `referrals` (`case_id`,`provider_key`);--> statement-breakpoint
ALTER TABLE `cases` ADD `consent` text;--> statement-breakpoint
ALTER TABLE `cases` ADD `consent_on` text;--> statement-breakpoint
ALTER TABLE `cases` ADD `consent_note` text;--> statement-breakpoint
ALTER TABLE `escalations` ADD `forwarded_to` text;--> statement-breakpoint
ALTER TABLE `escalations` ADD `forwarded_at` integer;--> statement-breakpoint
ALTER TABLE `escalations` ADD `forwarded_by_id` text;--> statement-breakpoint
ALTER TABLE `escalations` ADD `forwarded_note` text;--> statement-breakpoint
ALTER TABLE `members` ADD `provider` text;--> statement-breakpoint
ALTER TABLE `teams` ADD `leader_platform` text;--> statement-breakpoint
ALTER TABLE `teams` ADD `leader_id` text;--> statement-breakpoint
ALTER TABLE `teams` ADD `leader_name` text;