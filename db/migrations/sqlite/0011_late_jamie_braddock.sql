CREATE TABLE `inbox` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`key` text NOT NULL,
	`platform` text NOT NULL,
	`conversation_id` text NOT NULL,
	`kind` text NOT NULL,
	`payload` text NOT NULL,
	`received_at` integer NOT NULL,
	`state` text NOT NULL,
	`attempts` integer DEFAULT 0 NOT NULL,
	`done_at` integer,
	`answered_at` integer,
	`claimed_by` text,
	`claimed_until` integer
);
--> statement-breakpoint
CREATE UNIQUE INDEX `inbox_key_uq` ON `inbox` (`key`);--> statement-breakpoint
CREATE INDEX `inbox_open_idx` ON `inbox` (`state`,`answered_at`,`id`);--> statement-breakpoint
CREATE INDEX `inbox_conversation_idx` ON `inbox` (`conversation_id`,`id`);--> statement-breakpoint
INSERT INTO `inbox` (`key`, `platform`, `conversation_id`, `kind`, `payload`, `received_at`, `state`, `done_at`, `answered_at`) SELECT `key`, substr(`key`, 1, instr(`key`, ':') - 1), '', 'seen', '{}', `at`, 'done', `at`, `at` FROM `inbound_events`;--> statement-breakpoint
DROP TABLE `inbound_events`;