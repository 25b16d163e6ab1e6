CREATE INDEX `outbox_conversation_idx` ON `outbox` (`conversation_id`,`status`);--> statement-breakpoint
CREATE INDEX `outbox_case_idx` ON `outbox` (`case_id`);--> statement-breakpoint
CREATE INDEX `outbox_related_idx` ON `outbox` (`related_id`);