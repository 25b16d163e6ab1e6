ALTER TABLE `cases` ADD `consent` text;--> statement-breakpoint
ALTER TABLE `cases` ADD `consent_on` text;--> statement-breakpoint
ALTER TABLE `cases` ADD `consent_note` text;