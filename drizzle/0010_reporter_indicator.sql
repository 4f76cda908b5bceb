CREATE TABLE `reporter_indicator` (
	`reporter_code` text NOT NULL,
	`indicator_code` text NOT NULL,
	PRIMARY KEY(`reporter_code`, `indicator_code`),
	FOREIGN KEY (`reporter_code`) REFERENCES `reporter`(`code`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`indicator_code`) REFERENCES `indicator`(`code`) ON UPDATE no action ON DELETE no action
);
