/**
 * The whole model as Drizzle tables.
 *
 * Codes are the identity of the plan's things (`PROT-02`, `KH-12`, `LICADHO`): they are stable,
 * readable in SQL and in CSV files, and so they are the primary keys. Figures with no province use
 * the `national` row of `province` (level `national`), so that every key column is NOT NULL and the
 * unique keys of SQLite hold (a NULL never collides with another NULL).
 *
 * Values travel in two stages: the rows of a submission (`submission_value`) are what a reporter
 * sent; `data_value` holds the approved record, one row per key. When a later approval replaces a
 * value, the earlier one moves to `value_history`. Public pages read neither: they read the
 * public tier (`public_page`), which each release derives from `data_value`.
 */
import { sql } from 'drizzle-orm';
import {
	blob,
	index,
	integer,
	primaryKey,
	real,
	sqliteTable,
	text,
	uniqueIndex
} from 'drizzle-orm/sqlite-core';

import { AGE_GROUPS, SEXES, SUBMISSION_STATUSES } from '../../domain/words';

export { AGE_GROUPS, SEXES, SUBMISSION_STATUSES };

const createdAt = () =>
	text('created_at')
		.notNull()
		.default(sql`(strftime('%Y-%m-%dT%H:%M:%fZ', 'now'))`);

export const plan = sqliteTable('plan', {
	id: integer('id').primaryKey({ autoIncrement: true }),
	code: text('code').notNull().unique(),
	titleEn: text('title_en').notNull(),
	titleKm: text('title_km').notNull(),
	firstYear: integer('first_year').notNull(),
	lastYear: integer('last_year').notNull(),
	/** Days after a quarter ends by which its report is on time. */
	deadlineDays: integer('deadline_days').notNull().default(30),
	createdAt: createdAt()
});

export const area = sqliteTable('area', {
	code: text('code').primaryKey(),
	planId: integer('plan_id')
		.notNull()
		.references(() => plan.id),
	position: integer('position').notNull(),
	nameEn: text('name_en').notNull(),
	nameKm: text('name_km').notNull(),
	descriptionEn: text('description_en').notNull().default(''),
	descriptionKm: text('description_km').notNull().default('')
});

export const indicator = sqliteTable(
	'indicator',
	{
		code: text('code').primaryKey(),
		areaCode: text('area_code')
			.notNull()
			.references(() => area.code),
		position: integer('position').notNull(),
		nameEn: text('name_en').notNull(),
		nameKm: text('name_km').notNull(),
		definitionEn: text('definition_en').notNull().default(''),
		definitionKm: text('definition_km').notNull().default(''),
		unit: text('unit', { enum: ['count', 'percent'] }).notNull(),
		accumulation: text('accumulation', { enum: ['sum', 'latest', 'mean'] }).notNull(),
		direction: text('direction', { enum: ['increase', 'decrease'] }).notNull(),
		/** Allowed breakdowns besides total/all, comma-separated: `female,male`. */
		sexes: text('sexes').notNull().default(''),
		/** Allowed age groups besides `all`, comma-separated: `under15,15to17,under18,adult`. */
		ageGroups: text('age_groups').notNull().default(''),
		/** Counts of children: the privacy rules (src/lib/domain/PRIVACY.md) apply to public outputs. */
		sensitive: integer('sensitive', { mode: 'boolean' }).notNull().default(false),
		/** Computed by the system (COOR-03), never uploaded. */
		computed: integer('computed', { mode: 'boolean' }).notNull().default(false),
		/**
		 * When the indicator was retired from the plan (null: in force). A retired indicator keeps
		 * its figures and pages; it takes no new figures and templates leave it out.
		 */
		retiredAt: text('retired_at')
	},
	(t) => [index('indicator_area').on(t.areaCode, t.position)]
);

export const province = sqliteTable('province', {
	code: text('code').primaryKey(),
	nameEn: text('name_en').notNull(),
	nameKm: text('name_km').notNull(),
	level: text('level', { enum: ['national', 'capital', 'province'] }).notNull(),
	/** First year in which figures for this unit are accepted (Tboung Khmum: 2014). */
	validFromYear: integer('valid_from_year'),
	parentCode: text('parent_code'),
	position: integer('position').notNull()
});

export const target = sqliteTable(
	'target',
	{
		id: integer('id').primaryKey({ autoIncrement: true }),
		indicatorCode: text('indicator_code')
			.notNull()
			.references(() => indicator.code),
		provinceCode: text('province_code')
			.notNull()
			.default('national')
			.references(() => province.code),
		/** Value in the year before the plan, in the indicator's yearly terms. */
		baseline: real('baseline').notNull(),
		/** Value expected in the plan's last year. */
		endTarget: real('end_target').notNull()
	},
	(t) => [uniqueIndex('target_key').on(t.indicatorCode, t.provinceCode)]
);

export const milestone = sqliteTable(
	'milestone',
	{
		targetId: integer('target_id')
			.notNull()
			.references(() => target.id, { onDelete: 'cascade' }),
		year: integer('year').notNull(),
		value: real('value').notNull()
	},
	(t) => [primaryKey({ columns: [t.targetId, t.year] })]
);

/**
 * The history of a target: each revision of its baseline, a year's milestone or its end target
 * (plans are revised at mid-term reviews), with the value before and after, when, by whom and
 * why. The target itself holds the value in force; this table is what the public page shows on
 * request and what the audit log points to.
 */
export const targetRevision = sqliteTable(
	'target_revision',
	{
		id: integer('id').primaryKey({ autoIncrement: true }),
		targetId: integer('target_id')
			.notNull()
			.references(() => target.id, { onDelete: 'cascade' }),
		field: text('field', { enum: ['baseline', 'milestone', 'end'] }).notNull(),
		/** The milestone's year (null for the baseline and the end target). */
		year: integer('year'),
		/** Null: the milestone had no value before (a year on the straight line). */
		before: real('before'),
		after: real('after').notNull(),
		reason: text('reason').notNull(),
		revisedBy: text('revised_by').notNull(),
		revisedAt: createdAt()
	},
	(t) => [index('target_revision_target').on(t.targetId, t.revisedAt)]
);

export const reporter = sqliteTable('reporter', {
	code: text('code').primaryKey(),
	nameEn: text('name_en').notNull(),
	nameKm: text('name_km').notNull(),
	kind: text('kind', { enum: ['government', 'ngo', 'international'] }).notNull(),
	active: integer('active', { mode: 'boolean' }).notNull().default(true)
});

export const reporterProvince = sqliteTable(
	'reporter_province',
	{
		reporterCode: text('reporter_code')
			.notNull()
			.references(() => reporter.code, { onDelete: 'cascade' }),
		provinceCode: text('province_code')
			.notNull()
			.references(() => province.code)
	},
	(t) => [primaryKey({ columns: [t.reporterCode, t.provinceCode] })]
);

/**
 * The indicators a reporter reports: what its templates offer and what it is expected to send.
 * A reporter with none listed reports every uploadable indicator.
 */
export const reporterIndicator = sqliteTable(
	'reporter_indicator',
	{
		reporterCode: text('reporter_code')
			.notNull()
			.references(() => reporter.code, { onDelete: 'cascade' }),
		indicatorCode: text('indicator_code')
			.notNull()
			.references(() => indicator.code)
	},
	(t) => [primaryKey({ columns: [t.reporterCode, t.indicatorCode] })]
);

/** Original uploaded files, stored once by the SHA-256 of their bytes (see server/files.ts). */
export const storedFile = sqliteTable('stored_file', {
	hash: text('hash').primaryKey(),
	/** Size of the original bytes. */
	size: integer('size').notNull(),
	content: blob('content', { mode: 'buffer' }).notNull(),
	/** How `content` holds the original bytes: `gzip`, or `none` (as they are). */
	compression: text('compression', { enum: ['none', 'gzip'] })
		.notNull()
		.default('none'),
	createdAt: createdAt()
});

export const submission = sqliteTable(
	'submission',
	{
		id: integer('id').primaryKey({ autoIncrement: true }),
		reporterCode: text('reporter_code')
			.notNull()
			.references(() => reporter.code),
		/** The quarter the submission reports on, when it is about one quarter. */
		period: text('period'),
		status: text('status', { enum: SUBMISSION_STATUSES }).notNull().default('draft'),
		source: text('source', { enum: ['upload', 'cli', 'demo'] }).notNull(),
		fileName: text('file_name'),
		fileHash: text('file_hash').references(() => storedFile.hash),
		format: text('format', { enum: ['canonical', 'dhis2'] }),
		/** JSON: header and name mapping used to read the file. */
		mapping: text('mapping'),
		/** JSON: the dry-run summary (new / changed / unchanged / rejected, errors). */
		summary: text('summary'),
		/** The reporter said it had nothing to report for the quarter (a true zero). */
		nothingToReport: integer('nothing_to_report', { mode: 'boolean' }).notNull().default(false),
		createdBy: text('created_by'),
		createdAt: createdAt(),
		submittedAt: text('submitted_at'),
		reviewedBy: text('reviewed_by'),
		reviewedAt: text('reviewed_at')
	},
	(t) => [
		index('submission_reporter_period').on(t.reporterCode, t.period),
		index('submission_status').on(t.status)
	]
);

export const submissionComment = sqliteTable('submission_comment', {
	id: integer('id').primaryKey({ autoIncrement: true }),
	submissionId: integer('submission_id')
		.notNull()
		.references(() => submission.id, { onDelete: 'cascade' }),
	author: text('author').notNull(),
	body: text('body').notNull(),
	createdAt: createdAt()
});

/**
 * The valid rows of a submission, as sent: staged until approval. Stored WITHOUT ROWID, in its
 * key's order (migration 0004, which Drizzle's schema cannot say): one B-tree, not two.
 */
export const submissionValue = sqliteTable(
	'submission_value',
	{
		submissionId: integer('submission_id')
			.notNull()
			.references(() => submission.id, { onDelete: 'cascade' }),
		indicatorCode: text('indicator_code')
			.notNull()
			.references(() => indicator.code),
		provinceCode: text('province_code')
			.notNull()
			.references(() => province.code),
		period: text('period').notNull(),
		sex: text('sex', { enum: SEXES }).notNull(),
		ageGroup: text('age_group', { enum: AGE_GROUPS }).notNull(),
		value: real('value').notNull(),
		note: text('note'),
		/** The spreadsheet row it came from (header = 1, first record = 2), for messages. */
		sourceRow: integer('source_row')
	},
	(t) => [
		primaryKey({
			columns: [t.submissionId, t.indicatorCode, t.provinceCode, t.period, t.sex, t.ageGroup]
		})
	]
);

/**
 * What a reporter told the importer once, remembered for its next files: a column header, an
 * indicator name or a province name that the importer did not know, and what it means.
 */
export const importMapping = sqliteTable(
	'import_mapping',
	{
		reporterCode: text('reporter_code')
			.notNull()
			.references(() => reporter.code, { onDelete: 'cascade' }),
		kind: text('kind', { enum: ['header', 'indicator', 'province'] }).notNull(),
		/** The text as the file writes it, normalised (case, spaces, Khmer spelling variants). */
		source: text('source').notNull(),
		/** A field name (`value`), an indicator code or a province code. */
		target: text('target').notNull(),
		createdBy: text('created_by'),
		createdAt: createdAt()
	},
	(t) => [primaryKey({ columns: [t.reporterCode, t.kind, t.source] })]
);

/** The approved record: one value per key, from which each release derives the public tier. */
export const dataValue = sqliteTable(
	'data_value',
	{
		indicatorCode: text('indicator_code')
			.notNull()
			.references(() => indicator.code),
		provinceCode: text('province_code')
			.notNull()
			.references(() => province.code),
		period: text('period').notNull(),
		reporterCode: text('reporter_code')
			.notNull()
			.references(() => reporter.code),
		sex: text('sex', { enum: SEXES }).notNull(),
		ageGroup: text('age_group', { enum: AGE_GROUPS }).notNull(),
		value: real('value').notNull(),
		note: text('note'),
		submissionId: integer('submission_id')
			.notNull()
			.references(() => submission.id),
		approvedAt: text('approved_at').notNull()
	},
	(t) => [
		primaryKey({
			columns: [t.indicatorCode, t.provinceCode, t.period, t.reporterCode, t.sex, t.ageGroup]
		}),
		// Covers the totals that progress pages read: indicator, then sex/age, then period.
		index('data_value_totals').on(
			t.indicatorCode,
			t.sex,
			t.ageGroup,
			t.period,
			t.provinceCode,
			t.reporterCode,
			t.value
		),
		index('data_value_submission').on(t.submissionId)
	]
);

/** Approved values that a later approval replaced. */
export const valueHistory = sqliteTable(
	'value_history',
	{
		id: integer('id').primaryKey({ autoIncrement: true }),
		indicatorCode: text('indicator_code').notNull(),
		provinceCode: text('province_code').notNull(),
		period: text('period').notNull(),
		reporterCode: text('reporter_code').notNull(),
		sex: text('sex', { enum: SEXES }).notNull(),
		ageGroup: text('age_group', { enum: AGE_GROUPS }).notNull(),
		value: real('value').notNull(),
		note: text('note'),
		submissionId: integer('submission_id').notNull(),
		approvedAt: text('approved_at').notNull(),
		replacedBySubmissionId: integer('replaced_by_submission_id'),
		replacedAt: text('replaced_at').notNull()
	},
	(t) => [index('value_history_key').on(t.indicatorCode, t.provinceCode, t.period)]
);

export const auditLog = sqliteTable(
	'audit_log',
	{
		id: integer('id').primaryKey({ autoIncrement: true }),
		at: createdAt(),
		/** User id, or `system` / `cli` for work done without a signed-in user. */
		actor: text('actor').notNull(),
		action: text('action').notNull(),
		/** What was acted on, e.g. `submission:42`. */
		subject: text('subject'),
		/** JSON with the details of the change. */
		detail: text('detail'),
		address: text('address')
	},
	(t) => [index('audit_log_at').on(t.at), index('audit_log_action').on(t.action)]
);

/** Small key-value settings: whether demonstration data is loaded, privacy threshold k. */
export const setting = sqliteTable('setting', {
	key: text('key').primaryKey(),
	value: text('value').notNull()
});

/*
 * The tables of the sign-in library (Better Auth, with its admin plugin and database-backed rate
 * limiting), written by hand so that drizzle-kit generates and commits their migrations with ours.
 * Property names are the library's field names; SQL names follow our snake_case.
 *
 * A user has one role (`reporter`, `reviewer`, `admin`) and, when a reporter, the one reporter
 * organisation it belongs to (`reporter_code`). `banned` is how an account is deactivated.
 */
const timestamp = (name: string) => integer(name, { mode: 'timestamp_ms' });

export const user = sqliteTable('user', {
	id: text('id').primaryKey(),
	name: text('name').notNull(),
	email: text('email').notNull().unique(),
	emailVerified: integer('email_verified', { mode: 'boolean' }).notNull().default(false),
	image: text('image'),
	createdAt: timestamp('created_at').notNull(),
	updatedAt: timestamp('updated_at').notNull(),
	role: text('role'),
	banned: integer('banned', { mode: 'boolean' }).default(false),
	banReason: text('ban_reason'),
	banExpires: timestamp('ban_expires'),
	reporterCode: text('reporter_code').references(() => reporter.code)
});

export const session = sqliteTable(
	'session',
	{
		id: text('id').primaryKey(),
		expiresAt: timestamp('expires_at').notNull(),
		token: text('token').notNull().unique(),
		createdAt: timestamp('created_at').notNull(),
		updatedAt: timestamp('updated_at').notNull(),
		ipAddress: text('ip_address'),
		userAgent: text('user_agent'),
		userId: text('user_id')
			.notNull()
			.references(() => user.id, { onDelete: 'cascade' }),
		impersonatedBy: text('impersonated_by')
	},
	(t) => [index('session_user').on(t.userId)]
);

export const account = sqliteTable(
	'account',
	{
		id: text('id').primaryKey(),
		accountId: text('account_id').notNull(),
		providerId: text('provider_id').notNull(),
		userId: text('user_id')
			.notNull()
			.references(() => user.id, { onDelete: 'cascade' }),
		accessToken: text('access_token'),
		refreshToken: text('refresh_token'),
		idToken: text('id_token'),
		accessTokenExpiresAt: timestamp('access_token_expires_at'),
		refreshTokenExpiresAt: timestamp('refresh_token_expires_at'),
		scope: text('scope'),
		password: text('password'),
		createdAt: timestamp('created_at').notNull(),
		updatedAt: timestamp('updated_at').notNull()
	},
	(t) => [index('account_user').on(t.userId)]
);

export const verification = sqliteTable('verification', {
	id: text('id').primaryKey(),
	identifier: text('identifier').notNull(),
	value: text('value').notNull(),
	expiresAt: timestamp('expires_at').notNull(),
	createdAt: timestamp('created_at').notNull(),
	updatedAt: timestamp('updated_at').notNull()
});

export const rateLimit = sqliteTable('rate_limit', {
	id: text('id').primaryKey(),
	key: text('key').notNull().unique(),
	count: integer('count').notNull(),
	lastRequest: integer('last_request').notNull()
});

/**
 * A release of the public tier: made whenever figures are approved or
 * reopened, or the threshold k changes. Public pages read only what the latest release stored.
 */
export const release = sqliteTable('release', {
	id: integer('id').primaryKey({ autoIncrement: true }),
	at: text('at').notNull(),
	/** Why it was made: `submission 42 approved`, `k changed`, `first release`. */
	reason: text('reason').notNull(),
	k: integer('k').notNull(),
	/** How many cells it withheld. */
	withheld: integer('withheld').notNull(),
	/**
	 * The narrowest range (max − min) an intruder solving linear programmes over everything
	 * published is left for any protected cell: at least k. Null when none needed protection.
	 */
	narrowest: real('narrowest'),
	/** How many cells were withheld because they changed by less than k since last published. */
	changes: integer('changes').notNull().default(0),
	/** Whether figures published before were lowered or withdrawn (a reopening, a correction). */
	corrected: integer('corrected', { mode: 'boolean' }).notNull().default(false),
	/** The last audit row it takes in: approvals and reopenings after it wait for the next. */
	auditThrough: integer('audit_through').notNull().default(0)
});

/**
 * What the public last saw of each cell of each indicator: its value in the latest release that
 * published it. An intruder keeps every release, so a cell whose figure moved by less than k
 * since is withheld, and each published value bounds later ones from below.
 */
export const publishedCell = sqliteTable(
	'published_cell',
	{
		indicatorCode: text('indicator_code').notNull(),
		/** The cell: table, period (`to-date` for plan-to-date cells), province, sex, age group. */
		cell: text('cell').notNull(),
		value: real('value').notNull(),
		releaseId: integer('release_id')
			.notNull()
			.references(() => release.id)
	},
	(t) => [primaryKey({ columns: [t.indicatorCode, t.cell] })]
);

/**
 * The public tier: each page's figures as the latest release published them, small counts
 * withheld (`plan`, `indicator:PROT-02`). The only figures public pages and downloads read.
 */
export const publicPage = sqliteTable('public_page', {
	key: text('key').primaryKey(),
	releaseId: integer('release_id')
		.notNull()
		.references(() => release.id),
	/** JSON of the page's figures. */
	body: text('body').notNull()
});

/** The same pages unsuppressed, for reviewers and admins only. */
export const reviewPage = sqliteTable('review_page', {
	key: text('key').primaryKey(),
	releaseId: integer('release_id')
		.notNull()
		.references(() => release.id),
	body: text('body').notNull()
});

/** Which cells each release withheld, and why (primary: a small count; complementary). */
export const releaseWithheld = sqliteTable(
	'release_withheld',
	{
		releaseId: integer('release_id')
			.notNull()
			.references(() => release.id, { onDelete: 'cascade' }),
		indicatorCode: text('indicator_code').notNull(),
		table: text('table_name').notNull(),
		period: text('period').notNull(),
		provinceCode: text('province_code').notNull(),
		sex: text('sex').notNull(),
		ageGroup: text('age_group').notNull(),
		reason: text('reason', { enum: ['primary', 'change', 'complementary'] }).notNull()
	},
	(t) => [
		primaryKey({
			columns: [t.releaseId, t.indicatorCode, t.table, t.period, t.provinceCode, t.sex, t.ageGroup]
		})
	]
);
