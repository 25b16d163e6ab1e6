DROP INDEX `meetings_case_idx`;--> statement-breakpoint
CREATE INDEX `meetings_case_idx` ON `meetings` (`case_id`,`held_on`,`planned_at`);--> statement-breakpoint
DROP INDEX `signals_open_idx`;--> statement-breakpoint
CREATE INDEX `signals_word_idx` ON `signals` (`case_id`,`reporter_role`,`created_at`);--> statement-breakpoint
CREATE INDEX `signals_open_idx` ON `signals` (`case_id`,`closed_at`,`ack_at`,`created_at`);