ALTER TABLE "cases" ADD COLUMN "consent" text;--> statement-breakpoint
ALTER TABLE "cases" ADD COLUMN "consent_on" text;--> statement-breakpoint
ALTER TABLE "cases" ADD COLUMN "consent_note" text;