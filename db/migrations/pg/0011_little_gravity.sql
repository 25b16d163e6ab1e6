DROP INDEX "inbox_open_idx";--> statement-breakpoint
CREATE INDEX "inbox_received_idx" ON "inbox" USING btree ("received_at");--> statement-breakpoint
CREATE INDEX "inbox_unfinished_idx" ON "inbox" USING btree ("id") WHERE state = 'pending' or (state = 'done' and answered_at is null);--> statement-breakpoint
CREATE INDEX "inbox_unfinished_conversation_idx" ON "inbox" USING btree ("conversation_id","id") WHERE state = 'pending' or (state = 'done' and answered_at is null);--> statement-breakpoint
CREATE INDEX "outbox_pending_idx" ON "outbox" USING btree ("status","platform","id");--> statement-breakpoint
CREATE INDEX "outbox_user_idx" ON "outbox" USING btree ("user_id","status");