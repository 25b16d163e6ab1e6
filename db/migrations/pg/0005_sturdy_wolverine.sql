CREATE INDEX "outbox_conversation_idx" ON "outbox" USING btree ("conversation_id","status");--> statement-breakpoint
CREATE INDEX "outbox_case_idx" ON "outbox" USING btree ("case_id");--> statement-breakpoint
CREATE INDEX "outbox_related_idx" ON "outbox" USING btree ("related_id");