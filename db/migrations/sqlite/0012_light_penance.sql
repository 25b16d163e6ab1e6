DROP INDEX `inbox_open_idx`;--> statement-breakpoint
CREATE INDEX `inbox_received_idx` ON `inbox` (`received_at`);--> statement-breakpoint
CREATE INDEX `inbox_unfinished_idx` ON `inbox` (`id`) WHERE state = 'pending' or (state = 'done' and answered_at is null);--> statement-breakpoint
CREATE INDEX `inbox_unfinished_conversation_idx` ON `inbox` (`conversation_id`,`id`) WHERE state = 'pending' or (state = 'done' and answered_at is null);--> statement-breakpoint
CREATE INDEX `outbox_pending_idx` ON `outbox` (`status`,`platform`,`id`);--> statement-breakpoint
CREATE INDEX `outbox_user_idx` ON `outbox` (`user_id`,`status`);