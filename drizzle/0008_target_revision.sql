CREATE TABLE `target_revision` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`target_id` integer NOT NULL,
	`field` text NOT NULL,
	`year` integer,
	`before` real,
	`after` real NOT NULL,
	`reason` text NOT NULL,
	`revised_by` text NOT NULL,
	`created_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
	FOREIGN KEY (`target_id`) REFERENCES `target`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `target_revision_target` ON `target_revision` (`target_id`,`created_at`);