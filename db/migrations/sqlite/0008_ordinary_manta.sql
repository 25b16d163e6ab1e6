CREATE TABLE `agreements` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`case_id` integer NOT NULL,
	`number` integer NOT NULL,
	`owner_id` text NOT NULL,
	`owner_name` text NOT NULL,
	`due_on` text NOT NULL,
	`text` text NOT NULL,
	`result_id` integer,
	`meeting_id` integer,
	`by_id` text NOT NULL,
	`created_at` integer NOT NULL,
	`done_at` integer,
	`done_by_id` text,
	`done_note` text,
	FOREIGN KEY (`case_id`) REFERENCES `cases`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`result_id`) REFERENCES `results`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `agreements_number_uq` ON `agreements` (`case_id`,`number`);--> statement-breakpoint
CREATE INDEX `agreements_open_idx` ON `agreements` (`done_at`,`due_on`);--> statement-breakpoint
ALTER TABLE `cases` ADD `overleg_weeks` integer;