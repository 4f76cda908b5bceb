CREATE TABLE `import_mapping` (
	`reporter_code` text NOT NULL,
	`kind` text NOT NULL,
	`source` text NOT NULL,
	`target` text NOT NULL,
	`created_by` text,
	`created_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
	PRIMARY KEY(`reporter_code`, `kind`, `source`),
	FOREIGN KEY (`reporter_code`) REFERENCES `reporter`(`code`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
ALTER TABLE `submission_value` ADD `source_row` integer;