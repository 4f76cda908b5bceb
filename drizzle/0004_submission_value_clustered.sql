-- A submission's staged figures are stored in their key's order (WITHOUT ROWID): one B-tree
-- instead of a table and its key index, so a large import writes about a third less.
CREATE TABLE `submission_value_new` (
	`submission_id` integer NOT NULL,
	`indicator_code` text NOT NULL,
	`province_code` text NOT NULL,
	`period` text NOT NULL,
	`sex` text NOT NULL,
	`age_group` text NOT NULL,
	`value` real NOT NULL,
	`note` text,
	`source_row` integer,
	PRIMARY KEY(`submission_id`, `indicator_code`, `province_code`, `period`, `sex`, `age_group`),
	FOREIGN KEY (`submission_id`) REFERENCES `submission`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`indicator_code`) REFERENCES `indicator`(`code`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`province_code`) REFERENCES `province`(`code`) ON UPDATE no action ON DELETE no action
) WITHOUT ROWID;
--> statement-breakpoint
INSERT INTO `submission_value_new` SELECT `submission_id`, `indicator_code`, `province_code`, `period`, `sex`, `age_group`, `value`, `note`, `source_row` FROM `submission_value`;
--> statement-breakpoint
DROP TABLE `submission_value`;
--> statement-breakpoint
ALTER TABLE `submission_value_new` RENAME TO `submission_value`;
