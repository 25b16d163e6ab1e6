CREATE TABLE `audit_log` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`at` integer NOT NULL,
	`platform` text NOT NULL,
	`actor_id` text NOT NULL,
	`action` text NOT NULL,
	`case_id` integer,
	`summary` text NOT NULL
);
--> statement-breakpoint
CREATE INDEX `audit_case_idx` ON `audit_log` (`case_id`,`at`);--> statement-breakpoint
CREATE TABLE `cases` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`code` text NOT NULL,
	`title` text,
	`phase` text DEFAULT 'verbinden' NOT NULL,
	`phase_since` integer NOT NULL,
	`team_id` integer,
	`platform` text,
	`conversation_id` text,
	`status` text DEFAULT 'open' NOT NULL,
	`spic` text,
	`created_at` integer DEFAULT (unixepoch() * 1000) NOT NULL,
	`closed_at` integer,
	`close_reason` text,
	`erased_at` integer,
	`card_message_id` integer,
	`closure_open` text,
	`follow_up_answer` text,
	`follow_up_at` integer,
	FOREIGN KEY (`team_id`) REFERENCES `teams`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `cases_code_uq` ON `cases` (`code`);--> statement-breakpoint
CREATE UNIQUE INDEX `cases_conversation_uq` ON `cases` (`platform`,`conversation_id`);--> statement-breakpoint
CREATE INDEX `cases_team_idx` ON `cases` (`team_id`,`status`);--> statement-breakpoint
CREATE TABLE `deliveries` (
	`key` text PRIMARY KEY NOT NULL,
	`at` integer NOT NULL
);
--> statement-breakpoint
CREATE TABLE `escalations` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`case_id` integer NOT NULL,
	`number` integer NOT NULL,
	`topic` text NOT NULL,
	`text` text NOT NULL,
	`by_id` text NOT NULL,
	`by_role` text NOT NULL,
	`created_at` integer NOT NULL,
	`decision` text,
	`decided_by_id` text,
	`decided_at` integer,
	FOREIGN KEY (`case_id`) REFERENCES `cases`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `escalations_number_uq` ON `escalations` (`case_id`,`number`);--> statement-breakpoint
CREATE TABLE `inbound_events` (
	`key` text PRIMARY KEY NOT NULL,
	`at` integer NOT NULL
);
--> statement-breakpoint
CREATE TABLE `meetings` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`case_id` integer NOT NULL,
	`planned_at` integer,
	`held_on` text,
	`decisions` text,
	`by_id` text NOT NULL,
	`created_at` integer NOT NULL,
	FOREIGN KEY (`case_id`) REFERENCES `cases`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `meetings_case_idx` ON `meetings` (`case_id`);--> statement-breakpoint
CREATE TABLE `members` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`case_id` integer NOT NULL,
	`platform` text NOT NULL,
	`user_id` text NOT NULL,
	`display_name` text NOT NULL,
	`role` text NOT NULL,
	`active` integer DEFAULT true NOT NULL,
	`added_at` integer NOT NULL,
	`removed_at` integer,
	FOREIGN KEY (`case_id`) REFERENCES `cases`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `members_case_idx` ON `members` (`case_id`,`active`);--> statement-breakpoint
CREATE INDEX `members_user_idx` ON `members` (`platform`,`user_id`);--> statement-breakpoint
CREATE TABLE `outbox` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`created_at` integer NOT NULL,
	`platform` text NOT NULL,
	`kind` text NOT NULL,
	`conversation_id` text,
	`user_id` text,
	`case_id` integer,
	`related_id` integer,
	`payload` text NOT NULL,
	`status` text DEFAULT 'pending' NOT NULL,
	`attempts` integer DEFAULT 0 NOT NULL,
	`next_attempt_at` integer NOT NULL,
	`last_error` text,
	`platform_message_id` text,
	`sent_at` integer,
	`attempt_started_at` integer
);
--> statement-breakpoint
CREATE INDEX `outbox_due_idx` ON `outbox` (`status`,`platform`,`next_attempt_at`);--> statement-breakpoint
CREATE TABLE `referrals` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`case_id` integer NOT NULL,
	`provider` text NOT NULL,
	`provider_key` text NOT NULL,
	`role` text NOT NULL,
	`spic` text NOT NULL,
	`referred_on` text NOT NULL,
	`start_due` text NOT NULL,
	`started_on` text,
	`stopped_on` text,
	`stop_reason` text,
	`created_at` integer NOT NULL,
	FOREIGN KEY (`case_id`) REFERENCES `cases`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `referrals_case_idx` ON `referrals` (`case_id`,`provider_key`);--> statement-breakpoint
CREATE TABLE `result_links` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`result_id` integer NOT NULL,
	`case_id` integer NOT NULL,
	`signal_id` integer,
	`meeting_id` integer,
	`created_at` integer NOT NULL,
	FOREIGN KEY (`result_id`) REFERENCES `results`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `result_links_idx` ON `result_links` (`result_id`);--> statement-breakpoint
CREATE TABLE `result_progress` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`result_id` integer NOT NULL,
	`case_id` integer NOT NULL,
	`status` text NOT NULL,
	`note` text,
	`by_id` text NOT NULL,
	`at` integer NOT NULL,
	`meeting_id` integer,
	FOREIGN KEY (`result_id`) REFERENCES `results`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `result_progress_idx` ON `result_progress` (`result_id`,`at`);--> statement-breakpoint
CREATE TABLE `results` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`case_id` integer NOT NULL,
	`number` integer NOT NULL,
	`text` text NOT NULL,
	`status` text DEFAULT 'open' NOT NULL,
	`by_id` text NOT NULL,
	`created_at` integer NOT NULL,
	`updated_at` integer,
	FOREIGN KEY (`case_id`) REFERENCES `cases`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `results_number_uq` ON `results` (`case_id`,`number`);--> statement-breakpoint
CREATE TABLE `safety_scores` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`case_id` integer NOT NULL,
	`actueel` integer NOT NULL,
	`blijvend` integer NOT NULL,
	`note` text,
	`by_id` text NOT NULL,
	`at` integer NOT NULL,
	FOREIGN KEY (`case_id`) REFERENCES `cases`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `scores_case_idx` ON `safety_scores` (`case_id`,`at`);--> statement-breakpoint
CREATE TABLE `sandbox_channels` (
	`id` text PRIMARY KEY NOT NULL,
	`name` text NOT NULL,
	`created_at` integer NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `sandbox_channels_name_uq` ON `sandbox_channels` (`name`);--> statement-breakpoint
CREATE TABLE `sandbox_messages` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`conversation_id` text,
	`user_id` text,
	`payload` text NOT NULL,
	`created_at` integer NOT NULL,
	`updated_at` integer
);
--> statement-breakpoint
CREATE INDEX `sandbox_messages_conv_idx` ON `sandbox_messages` (`conversation_id`,`id`);--> statement-breakpoint
CREATE TABLE `signals` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`case_id` integer NOT NULL,
	`number` integer NOT NULL,
	`kind` text NOT NULL,
	`urgency` text NOT NULL,
	`cause` text,
	`text` text NOT NULL,
	`reporter_id` text NOT NULL,
	`reporter_name` text NOT NULL,
	`reporter_role` text NOT NULL,
	`created_at` integer NOT NULL,
	`ack_by_id` text,
	`ack_by_name` text,
	`ack_at` integer,
	`ack_response` text,
	`closed_at` integer,
	`closed_by_id` text,
	`outcome` text,
	`message_id` integer,
	FOREIGN KEY (`case_id`) REFERENCES `cases`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `signals_number_uq` ON `signals` (`case_id`,`number`);--> statement-breakpoint
CREATE INDEX `signals_open_idx` ON `signals` (`case_id`,`closed_at`);--> statement-breakpoint
CREATE TABLE `teams` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`name` text NOT NULL,
	`platform` text,
	`conversation_id` text,
	`created_at` integer DEFAULT (unixepoch() * 1000) NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `teams_name_uq` ON `teams` (`name`);--> statement-breakpoint
CREATE TABLE `teams_conversations` (
	`id` text PRIMARY KEY NOT NULL,
	`service_url` text NOT NULL,
	`tenant_id` text,
	`type` text,
	`bot_id` text NOT NULL,
	`team_group_id` text,
	`updated_at` integer NOT NULL
);
--> statement-breakpoint
CREATE TABLE `teams_users` (
	`user_id` text PRIMARY KEY NOT NULL,
	`teams_id` text NOT NULL,
	`name` text,
	`tenant_id` text,
	`service_url` text,
	`personal_conversation_id` text,
	`updated_at` integer NOT NULL
);
--> statement-breakpoint
CREATE INDEX `teams_users_teams_id_idx` ON `teams_users` (`teams_id`);