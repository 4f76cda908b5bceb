CREATE TABLE `area` (
	`code` text PRIMARY KEY NOT NULL,
	`plan_id` integer NOT NULL,
	`position` integer NOT NULL,
	`name_en` text NOT NULL,
	`name_km` text NOT NULL,
	`description_en` text DEFAULT '' NOT NULL,
	`description_km` text DEFAULT '' NOT NULL,
	FOREIGN KEY (`plan_id`) REFERENCES `plan`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE TABLE `audit_log` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`created_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
	`actor` text NOT NULL,
	`action` text NOT NULL,
	`subject` text,
	`detail` text,
	`address` text
);
--> statement-breakpoint
CREATE INDEX `audit_log_at` ON `audit_log` (`created_at`);--> statement-breakpoint
CREATE INDEX `audit_log_action` ON `audit_log` (`action`);--> statement-breakpoint
CREATE TABLE `data_value` (
	`indicator_code` text NOT NULL,
	`province_code` text NOT NULL,
	`period` text NOT NULL,
	`reporter_code` text NOT NULL,
	`sex` text NOT NULL,
	`age_group` text NOT NULL,
	`value` real NOT NULL,
	`note` text,
	`submission_id` integer NOT NULL,
	`approved_at` text NOT NULL,
	PRIMARY KEY(`indicator_code`, `province_code`, `period`, `reporter_code`, `sex`, `age_group`),
	FOREIGN KEY (`indicator_code`) REFERENCES `indicator`(`code`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`province_code`) REFERENCES `province`(`code`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`reporter_code`) REFERENCES `reporter`(`code`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`submission_id`) REFERENCES `submission`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `data_value_totals` ON `data_value` (`indicator_code`,`sex`,`age_group`,`period`,`province_code`,`reporter_code`,`value`);--> statement-breakpoint
CREATE INDEX `data_value_submission` ON `data_value` (`submission_id`);--> statement-breakpoint
CREATE TABLE `indicator` (
	`code` text PRIMARY KEY NOT NULL,
	`area_code` text NOT NULL,
	`position` integer NOT NULL,
	`name_en` text NOT NULL,
	`name_km` text NOT NULL,
	`definition_en` text DEFAULT '' NOT NULL,
	`definition_km` text DEFAULT '' NOT NULL,
	`unit` text NOT NULL,
	`accumulation` text NOT NULL,
	`direction` text NOT NULL,
	`sexes` text DEFAULT '' NOT NULL,
	`age_groups` text DEFAULT '' NOT NULL,
	`sensitive` integer DEFAULT false NOT NULL,
	`computed` integer DEFAULT false NOT NULL,
	FOREIGN KEY (`area_code`) REFERENCES `area`(`code`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `indicator_area` ON `indicator` (`area_code`,`position`);--> statement-breakpoint
CREATE TABLE `milestone` (
	`target_id` integer NOT NULL,
	`year` integer NOT NULL,
	`value` real NOT NULL,
	PRIMARY KEY(`target_id`, `year`),
	FOREIGN KEY (`target_id`) REFERENCES `target`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE TABLE `plan` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`code` text NOT NULL,
	`title_en` text NOT NULL,
	`title_km` text NOT NULL,
	`first_year` integer NOT NULL,
	`last_year` integer NOT NULL,
	`deadline_days` integer DEFAULT 30 NOT NULL,
	`created_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `plan_code_unique` ON `plan` (`code`);--> statement-breakpoint
CREATE TABLE `province` (
	`code` text PRIMARY KEY NOT NULL,
	`name_en` text NOT NULL,
	`name_km` text NOT NULL,
	`level` text NOT NULL,
	`valid_from_year` integer,
	`parent_code` text,
	`position` integer NOT NULL
);
--> statement-breakpoint
CREATE TABLE `reporter` (
	`code` text PRIMARY KEY NOT NULL,
	`name_en` text NOT NULL,
	`name_km` text NOT NULL,
	`kind` text NOT NULL,
	`active` integer DEFAULT true NOT NULL
);
--> statement-breakpoint
CREATE TABLE `reporter_province` (
	`reporter_code` text NOT NULL,
	`province_code` text NOT NULL,
	PRIMARY KEY(`reporter_code`, `province_code`),
	FOREIGN KEY (`reporter_code`) REFERENCES `reporter`(`code`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`province_code`) REFERENCES `province`(`code`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE TABLE `setting` (
	`key` text PRIMARY KEY NOT NULL,
	`value` text NOT NULL
);
--> statement-breakpoint
CREATE TABLE `stored_file` (
	`hash` text PRIMARY KEY NOT NULL,
	`size` integer NOT NULL,
	`content` blob NOT NULL,
	`created_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL
);
--> statement-breakpoint
CREATE TABLE `submission` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`reporter_code` text NOT NULL,
	`period` text,
	`status` text DEFAULT 'draft' NOT NULL,
	`source` text NOT NULL,
	`file_name` text,
	`file_hash` text,
	`format` text,
	`mapping` text,
	`summary` text,
	`nothing_to_report` integer DEFAULT false NOT NULL,
	`created_by` text,
	`created_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
	`submitted_at` text,
	`reviewed_by` text,
	`reviewed_at` text,
	FOREIGN KEY (`reporter_code`) REFERENCES `reporter`(`code`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`file_hash`) REFERENCES `stored_file`(`hash`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `submission_reporter_period` ON `submission` (`reporter_code`,`period`);--> statement-breakpoint
CREATE INDEX `submission_status` ON `submission` (`status`);--> statement-breakpoint
CREATE TABLE `submission_comment` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`submission_id` integer NOT NULL,
	`author` text NOT NULL,
	`body` text NOT NULL,
	`created_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
	FOREIGN KEY (`submission_id`) REFERENCES `submission`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE TABLE `submission_value` (
	`submission_id` integer NOT NULL,
	`indicator_code` text NOT NULL,
	`province_code` text NOT NULL,
	`period` text NOT NULL,
	`sex` text NOT NULL,
	`age_group` text NOT NULL,
	`value` real NOT NULL,
	`note` text,
	PRIMARY KEY(`submission_id`, `indicator_code`, `province_code`, `period`, `sex`, `age_group`),
	FOREIGN KEY (`submission_id`) REFERENCES `submission`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`indicator_code`) REFERENCES `indicator`(`code`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`province_code`) REFERENCES `province`(`code`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE TABLE `target` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`indicator_code` text NOT NULL,
	`province_code` text DEFAULT 'national' NOT NULL,
	`baseline` real NOT NULL,
	`end_target` real NOT NULL,
	FOREIGN KEY (`indicator_code`) REFERENCES `indicator`(`code`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`province_code`) REFERENCES `province`(`code`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `target_key` ON `target` (`indicator_code`,`province_code`);--> statement-breakpoint
CREATE TABLE `value_history` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`indicator_code` text NOT NULL,
	`province_code` text NOT NULL,
	`period` text NOT NULL,
	`reporter_code` text NOT NULL,
	`sex` text NOT NULL,
	`age_group` text NOT NULL,
	`value` real NOT NULL,
	`note` text,
	`submission_id` integer NOT NULL,
	`approved_at` text NOT NULL,
	`replaced_by_submission_id` integer,
	`replaced_at` text NOT NULL
);
--> statement-breakpoint
CREATE INDEX `value_history_key` ON `value_history` (`indicator_code`,`province_code`,`period`);