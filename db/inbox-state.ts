/**
 * An inbox row not finished yet: not processed, or processed and the person
 * not told. Written out as SQL text because the inbox's partial indexes
 * (schema.ts) are used only by a query whose condition reads the same
 * (src/inbound/inbox.ts). Not in schema.ts, whose exports are its tables.
 */
export const UNFINISHED = "state = 'pending' or (state = 'done' and answered_at is null)";
