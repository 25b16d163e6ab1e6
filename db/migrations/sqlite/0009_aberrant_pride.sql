CREATE TABLE `due` (
	`key` text PRIMARY KEY NOT NULL,
	`rule` text NOT NULL,
	`case_id` integer NOT NULL,
	`due_at` integer NOT NULL
);
--> statement-breakpoint
CREATE INDEX `due_rule_at_idx` ON `due` (`rule`,`due_at`);