CREATE TABLE `public_page` (
	`key` text PRIMARY KEY NOT NULL,
	`release_id` integer NOT NULL,
	`body` text NOT NULL,
	FOREIGN KEY (`release_id`) REFERENCES `release`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE TABLE `release` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`at` text NOT NULL,
	`reason` text NOT NULL,
	`k` integer NOT NULL,
	`withheld` integer NOT NULL
);
--> statement-breakpoint
CREATE TABLE `release_withheld` (
	`release_id` integer NOT NULL,
	`indicator_code` text NOT NULL,
	`table_name` text NOT NULL,
	`period` text NOT NULL,
	`province_code` text NOT NULL,
	`sex` text NOT NULL,
	`age_group` text NOT NULL,
	`reason` text NOT NULL,
	PRIMARY KEY(`release_id`, `indicator_code`, `table_name`, `period`, `province_code`, `sex`, `age_group`),
	FOREIGN KEY (`release_id`) REFERENCES `release`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE TABLE `review_page` (
	`key` text PRIMARY KEY NOT NULL,
	`release_id` integer NOT NULL,
	`body` text NOT NULL,
	FOREIGN KEY (`release_id`) REFERENCES `release`(`id`) ON UPDATE no action ON DELETE no action
);
