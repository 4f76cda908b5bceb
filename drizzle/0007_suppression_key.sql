-- The secret that orders the cells withheld to protect others (never published): an outsider who
-- knows the rule cannot run it on the tables that fit what is published.
INSERT OR IGNORE INTO `setting` (`key`, `value`) VALUES ('suppression_key', lower(hex(randomblob(32))));
