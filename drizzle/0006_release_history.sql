CREATE TABLE `published_cell` (
	`indicator_code` text NOT NULL,
	`cell` text NOT NULL,
	`value` real NOT NULL,
	`release_id` integer NOT NULL,
	PRIMARY KEY(`indicator_code`, `cell`),
	FOREIGN KEY (`release_id`) REFERENCES `release`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
ALTER TABLE `release` ADD `narrowest` real;--> statement-breakpoint
ALTER TABLE `release` ADD `changes` integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE `release` ADD `corrected` integer DEFAULT false NOT NULL;--> statement-breakpoint
ALTER TABLE `release` ADD `audit_through` integer DEFAULT 0 NOT NULL;