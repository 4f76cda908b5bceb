/**
 * Submissions and their values: creating one from validated rows, and approving it.
 *
 * Contract: every function here is one SQLite transaction; a failure leaves the database as it
 * was. Bulk rows go through prepared better-sqlite3 statements (Drizzle's batch insert is several
 * times slower on large files). Approval is set-based SQL: the submission's values replace the
 * approved values with the same key, and a replaced value moves to `value_history`. A value that a
 * later submission sends again unchanged stays as it was, so re-approving the same figures
 * changes nothing.
 */
import { and, asc, count, desc, eq, inArray, ne, sql, type SQL } from 'drizzle-orm';
import {
	availableActions,
	canSee,
	canTake,
	WORKFLOW,
	type Actor,
	type SubmissionStatus,
	type WorkflowAction
} from '../domain/workflow';
import { audit } from './audit';
import { inTransaction, type Db } from './db';
import type { StoredReport } from './import/pipeline';
import { boundReport } from './import/report';
import { readStoredFile, storeFile } from './files';
import { refreshReviewPages } from './public-tier';
import * as t from './db/schema';
import { FIELD_LIMITS } from '../domain/limits';

export type Sex = (typeof t.SEXES)[number];
export type AgeGroup = (typeof t.AGE_GROUPS)[number];

/** One valid figure of a submission. */
export interface SubmissionRow {
	indicator: string;
	province: string;
	period: string;
	sex: Sex;
	ageGroup: AgeGroup;
	value: number;
	note?: string | null;
}

export interface NewSubmission {
	reporter: string;
	period?: string | null;
	source: 'upload' | 'cli' | 'demo';
	status?: 'draft' | 'submitted';
	file?: { name: string; content: Buffer };
	format?: 'canonical' | 'dhis2';
	mapping?: unknown;
	summary?: unknown;
	nothingToReport?: boolean;
	createdBy?: string | null;
	/** ISO time the submission was created and, if `submitted`, submitted. */
	at: string;
	rows: Iterable<SubmissionRow>;
}

/** Creates a submission with its rows; returns its id. */
export function createSubmission(db: Db, s: NewSubmission): number {
	const sqlite = db.$client;
	const insertValue = sqlite.prepare(
		`INSERT INTO submission_value
			(submission_id, indicator_code, province_code, period, sex, age_group, value, note)
		 VALUES (?, ?, ?, ?, ?, ?, ?, ?)`
	);
	return inTransaction(db, () => {
		const fileHash = s.file ? storeFile(db, s.file.content) : null;
		const status = s.status ?? 'submitted';
		const { id } = db
			.insert(t.submission)
			.values({
				reporterCode: s.reporter,
				period: s.period ?? null,
				status,
				source: s.source,
				fileName: s.file?.name ?? null,
				fileHash,
				format: s.format ?? null,
				mapping: s.mapping === undefined ? null : JSON.stringify(s.mapping),
				summary: s.summary === undefined ? null : JSON.stringify(s.summary),
				nothingToReport: s.nothingToReport ?? false,
				createdBy: s.createdBy ?? null,
				createdAt: s.at,
				submittedAt: status === 'submitted' ? s.at : null
			})
			.returning({ id: t.submission.id })
			.get();
		for (const r of s.rows)
			insertValue.run(
				id,
				r.indicator,
				r.province,
				r.period,
				r.sex,
				r.ageGroup,
				r.value,
				r.note ?? null
			);
		return id;
	});
}

const SAME_KEY = `d.indicator_code = s.indicator_code AND d.province_code = s.province_code
	AND d.period = s.period AND d.sex = s.sex AND d.age_group = s.age_group`;

/**
 * Approves a submitted submission: its values become the approved record at once for reviewers,
 * and for the public at the next release of the publication calendar. Reviewers' pages are
 * rebuilt (unless `refresh` is false: a loader approving many at once rebuilds once at the end).
 * Returns the number of values that were new or changed. Throws if the submission is not
 * `submitted`.
 */
export function approveSubmission(
	db: Db,
	id: number,
	options: { reviewer: string; at: string; address?: string | null; refresh?: boolean }
): number {
	const sqlite = db.$client;
	return inTransaction(db, () => {
		const sub = db.select().from(t.submission).where(eq(t.submission.id, id)).get();
		if (!sub) throw new Error(`No submission ${id}`);
		if (sub.status !== 'submitted')
			throw new Error(`Submission ${id} is ${sub.status}: only a submitted one can be approved`);
		const changed = `(d.value IS NOT s.value OR d.note IS NOT s.note)`;
		sqlite
			.prepare(
				`INSERT INTO value_history (indicator_code, province_code, period, reporter_code, sex,
					age_group, value, note, submission_id, approved_at, replaced_by_submission_id, replaced_at)
				 SELECT d.indicator_code, d.province_code, d.period, d.reporter_code, d.sex, d.age_group,
					d.value, d.note, d.submission_id, d.approved_at, s.submission_id, @at
				 FROM submission_value s JOIN data_value d ON ${SAME_KEY} AND d.reporter_code = @reporter
				 WHERE s.submission_id = @id AND ${changed}`
			)
			.run({ id, reporter: sub.reporterCode, at: options.at });
		const { changes } = sqlite
			.prepare(
				`INSERT INTO data_value (indicator_code, province_code, period, reporter_code, sex,
					age_group, value, note, submission_id, approved_at)
				 SELECT indicator_code, province_code, period, @reporter, sex, age_group, value, note,
					submission_id, @at
				 FROM submission_value WHERE submission_id = @id
				 ON CONFLICT (indicator_code, province_code, period, reporter_code, sex, age_group)
				 DO UPDATE SET value = excluded.value, note = excluded.note,
					submission_id = excluded.submission_id, approved_at = excluded.approved_at
				 WHERE data_value.value IS NOT excluded.value OR data_value.note IS NOT excluded.note`
			)
			.run({ id, reporter: sub.reporterCode, at: options.at });
		db.update(t.submission)
			.set({ status: 'approved', reviewedBy: options.reviewer, reviewedAt: options.at })
			.where(eq(t.submission.id, id))
			.run();
		audit(db, {
			at: options.at,
			actor: options.reviewer,
			action: 'submission.approve',
			subject: `submission:${id}`,
			detail: { reporter: sub.reporterCode, values: changes },
			address: options.address
		});
		if (options.refresh !== false) refreshReviewPages(db);
		return changes;
	});
}

/**
 * Takes a reopened submission's values off the approved record: each key goes back to the value
 * it replaced, or leaves the record if it had none; what is taken off stays in `value_history`.
 * The next release publishes the record without them (and says a correction happened).
 */
function withdrawApproved(db: Db, id: number, at: string): void {
	const sqlite = db.$client;
	sqlite
		.prepare(
			`INSERT INTO value_history (indicator_code, province_code, period, reporter_code, sex,
				age_group, value, note, submission_id, approved_at, replaced_by_submission_id, replaced_at)
			 SELECT indicator_code, province_code, period, reporter_code, sex, age_group, value, note,
				submission_id, approved_at, NULL, @at
			 FROM data_value WHERE submission_id = @id`
		)
		.run({ id, at });
	sqlite.prepare(`DELETE FROM data_value WHERE submission_id = ?`).run(id);
	// The values it replaced come back, unless a later approval has replaced them since.
	sqlite
		.prepare(
			`INSERT INTO data_value (indicator_code, province_code, period, reporter_code, sex,
				age_group, value, note, submission_id, approved_at)
			 SELECT indicator_code, province_code, period, reporter_code, sex, age_group, value, note,
				submission_id, approved_at
			 FROM value_history h WHERE replaced_by_submission_id = ?
				AND id = (SELECT max(id) FROM value_history g WHERE g.replaced_by_submission_id = h.replaced_by_submission_id
					AND g.indicator_code = h.indicator_code AND g.province_code = h.province_code
					AND g.period = h.period AND g.reporter_code = h.reporter_code AND g.sex = h.sex
					AND g.age_group = h.age_group)
			 ON CONFLICT DO NOTHING`
		)
		.run(id);
}

/** A refused workflow step: `status` is the HTTP status a route should answer with. */
export class WorkflowError extends Error {
	constructor(
		readonly status: 400 | 403 | 404 | 409,
		message: string
	) {
		super(message);
	}
}

export interface ActingUser extends Actor {
	id: string;
}

/**
 * Takes a workflow step on a submission for a signed-in user, in one transaction, with its
 * comment and audit row. Refuses with a `WorkflowError`: 404 if the user may not see the
 * submission (so that other organisations' submissions do not even seem to exist), 403 if the
 * user may not take this step, 409 if the submission is not in a status that allows it, 400 if a
 * required comment is missing.
 */
export function takeAction(
	db: Db,
	options: {
		id: number;
		action: WorkflowAction;
		user: ActingUser;
		comment?: string | null;
		at?: string;
		address?: string | null;
	}
): SubmissionStatus {
	const { id, action, user } = options;
	const at = options.at ?? new Date().toISOString();
	const comment = options.comment?.trim() ?? '';
	if (comment.length > FIELD_LIMITS.comment)
		throw new WorkflowError(400, 'The comment is too long');
	return inTransaction(db, () => {
		const sub = db.select().from(t.submission).where(eq(t.submission.id, id)).get();
		if (!sub || !canSee(user, sub)) throw new WorkflowError(404, 'No such submission');
		const rule = WORKFLOW[action];
		if (!canTake(user, action, { ...sub, status: rule.from[0] }))
			throw new WorkflowError(403, 'You may not do this');
		if (!canTake(user, action, sub))
			throw new WorkflowError(409, `This submission is ${sub.status}`);
		if (rule.needsComment && !comment) throw new WorkflowError(400, 'A comment is required');

		if (action === 'approve') {
			approveSubmission(db, id, { reviewer: user.id, at, address: options.address });
		} else {
			db.update(t.submission)
				.set({
					status: rule.to,
					...(action === 'submit' ? { submittedAt: sub.submittedAt ?? at } : {}),
					...(action === 'return' || action === 'reopen'
						? { reviewedBy: user.id, reviewedAt: at }
						: {})
				})
				.where(eq(t.submission.id, id))
				.run();
			audit(db, {
				at,
				actor: user.id,
				action: `submission.${action}`,
				subject: `submission:${id}`,
				detail: { reporter: sub.reporterCode, period: sub.period, comment: comment || undefined },
				address: options.address
			});
			if (action === 'reopen') {
				withdrawApproved(db, id, at);
				refreshReviewPages(db);
			}
		}
		if (comment)
			db.insert(t.submissionComment)
				.values({ submissionId: id, author: user.id, body: comment, createdAt: at })
				.run();
		return rule.to;
	});
}

/** Adds a comment to a submission the user may see. */
export function addComment(
	db: Db,
	options: { id: number; user: ActingUser; body: string; at?: string; address?: string | null }
): void {
	const body = options.body.trim();
	if (!body) throw new WorkflowError(400, 'The comment is empty');
	if (body.length > FIELD_LIMITS.comment) throw new WorkflowError(400, 'The comment is too long');
	inTransaction(db, () => {
		const sub = db.select().from(t.submission).where(eq(t.submission.id, options.id)).get();
		if (!sub || !canSee(options.user, sub)) throw new WorkflowError(404, 'No such submission');
		const at = options.at ?? new Date().toISOString();
		db.insert(t.submissionComment)
			.values({ submissionId: options.id, author: options.user.id, body, createdAt: at })
			.run();
		audit(db, {
			at,
			actor: options.user.id,
			action: 'submission.comment',
			subject: `submission:${options.id}`,
			address: options.address
		});
	});
}

export interface SubmissionFilter {
	status?: SubmissionStatus;
	reporter?: string;
	period?: string;
	limit?: number;
	offset?: number;
	/** Oldest first (the review queue) instead of newest first. */
	oldestFirst?: boolean;
}

/** Conditions that limit a query to what the user may see. */
function visibleTo(user: Actor): SQL | undefined {
	if (user.role === 'reporter') return eq(t.submission.reporterCode, user.reporterCode ?? '');
	return ne(t.submission.status, 'draft');
}

/** Submissions the user may see, filtered, with their number of values. */
export function listSubmissions(db: Db, user: Actor, filter: SubmissionFilter = {}) {
	const where = and(
		visibleTo(user),
		filter.status ? eq(t.submission.status, filter.status) : undefined,
		filter.reporter ? eq(t.submission.reporterCode, filter.reporter) : undefined,
		filter.period ? eq(t.submission.period, filter.period) : undefined
	);
	const order = filter.oldestFirst
		? [
				asc(sql`coalesce(${t.submission.submittedAt}, ${t.submission.createdAt})`),
				asc(t.submission.id)
			]
		: [
				desc(sql`coalesce(${t.submission.submittedAt}, ${t.submission.createdAt})`),
				desc(t.submission.id)
			];
	const rows = db
		.select({
			id: t.submission.id,
			reporterCode: t.submission.reporterCode,
			period: t.submission.period,
			status: t.submission.status,
			source: t.submission.source,
			fileName: t.submission.fileName,
			nothingToReport: t.submission.nothingToReport,
			createdAt: t.submission.createdAt,
			submittedAt: t.submission.submittedAt,
			reviewedAt: t.submission.reviewedAt,
			values: sql<number>`(SELECT count(*) FROM submission_value v WHERE v.submission_id = ${t.submission.id})`
		})
		.from(t.submission)
		.where(where)
		.orderBy(...order)
		.limit(filter.limit ?? 50)
		.offset(filter.offset ?? 0)
		.all();
	const total = db.select({ n: count() }).from(t.submission).where(where).get()?.n ?? 0;
	return { rows, total };
}

/** How a submitted value compares with the approved record. */
export type ChangeKind = 'new' | 'changed' | 'unchanged';

/** The approved value of a submission value's key from another submission (the first `?` is the reporter). */
const RECORDED = `(SELECT d.value FROM data_value d WHERE d.indicator_code = v.indicator_code
	AND d.province_code = v.province_code AND d.period = v.period AND d.reporter_code = ?
	AND d.sex = v.sex AND d.age_group = v.age_group AND d.submission_id != v.submission_id)`;

/**
 * One submission as the user may see it: the submission, its comments (with authors' names),
 * the counts of new / changed / unchanged values against the approved record, a page of its
 * values with the value on record beside each, and the actions the user may take. Null when the
 * user may not see it.
 */
export function getSubmission(
	db: Db,
	id: number,
	user: Actor,
	page: { limit?: number; offset?: number } = {}
) {
	const sub = db.select().from(t.submission).where(eq(t.submission.id, id)).get();
	if (!sub || !canSee(user, sub)) return null;
	const comments = db
		.select({
			id: t.submissionComment.id,
			body: t.submissionComment.body,
			createdAt: t.submissionComment.createdAt,
			author: t.submissionComment.author,
			authorName: t.user.name
		})
		.from(t.submissionComment)
		.leftJoin(t.user, eq(t.user.id, t.submissionComment.author))
		.where(eq(t.submissionComment.submissionId, id))
		.orderBy(asc(t.submissionComment.id))
		.all();
	const sqlite = db.$client;
	const counts = sqlite
		.prepare(
			`SELECT
				sum(CASE WHEN recorded IS NULL THEN 1 ELSE 0 END) AS new,
				sum(CASE WHEN recorded != value THEN 1 ELSE 0 END) AS changed,
				sum(CASE WHEN recorded = value THEN 1 ELSE 0 END) AS unchanged
			 FROM (SELECT v.value, ${RECORDED} AS recorded FROM submission_value v WHERE v.submission_id = ?)`
		)
		.get(sub.reporterCode, id) as Record<ChangeKind, number | null>;
	const values = sqlite
		.prepare(
			`SELECT v.indicator_code AS indicator, v.province_code AS province, v.period, v.sex,
				v.age_group AS ageGroup, v.value, v.note, ${RECORDED} AS recorded
			 FROM submission_value v WHERE v.submission_id = ?
			 ORDER BY v.indicator_code, v.province_code, v.period, v.sex, v.age_group
			 LIMIT ? OFFSET ?`
		)
		.all(sub.reporterCode, id, page.limit ?? 200, page.offset ?? 0) as {
		indicator: string;
		province: string;
		period: string;
		sex: string;
		ageGroup: string;
		value: number;
		note: string | null;
		recorded: number | null;
	}[];
	// The stored report and mapping are read here, bounded, never handed on as they are kept.
	const { summary, mapping, ...submission } = sub;
	void mapping;
	return {
		submission,
		/** The import's report, for uploads: errors, unknown names, changes (report.ts bounds). */
		report: summary ? boundReport(JSON.parse(summary) as StoredReport) : null,
		comments,
		counts: {
			new: counts.new ?? 0,
			changed: counts.changed ?? 0,
			unchanged: counts.unchanged ?? 0
		},
		values: values.map((v) => ({
			...v,
			change: (v.recorded === null
				? 'new'
				: v.recorded === v.value
					? 'unchanged'
					: 'changed') as ChangeKind
		})),
		actions: availableActions(user, sub)
	};
}

/** Reporters with submissions, for filters. */
export function reportersWithSubmissions(db: Db): string[] {
	return db
		.selectDistinct({ code: t.submission.reporterCode })
		.from(t.submission)
		.where(inArray(t.submission.status, ['submitted', 'returned', 'approved', 'withdrawn']))
		.orderBy(asc(t.submission.reporterCode))
		.all()
		.map((r) => r.code);
}

/** A submission's original file, if the user may see the submission and it has one. */
export function getOriginalFile(
	db: Db,
	id: number,
	user: Actor
): { name: string; content: Buffer } | null {
	if (!Number.isInteger(id)) return null;
	const sub = db.select().from(t.submission).where(eq(t.submission.id, id)).get();
	if (!sub || !sub.fileHash || !canSee(user, sub)) return null;
	const content = readStoredFile(db, sub.fileHash);
	return content && { name: sub.fileName ?? `submission-${id}.csv`, content };
}

/**
 * "Nothing to report" for a quarter: a true zero, submitted like a report with no figures, so
 * that completeness counts it as received. One per organisation and quarter.
 */
export function reportNothing(
	db: Db,
	options: { user: ActingUser; period: string; at?: string; address?: string | null }
): number {
	const { user, period } = options;
	if (user.role !== 'reporter' || !user.reporterCode)
		throw new WorkflowError(403, 'You may not do this');
	const at = options.at ?? new Date().toISOString();
	return inTransaction(db, () => {
		const existing = db
			.select({ id: t.submission.id })
			.from(t.submission)
			.where(
				and(
					eq(t.submission.reporterCode, user.reporterCode as string),
					eq(t.submission.period, period),
					inArray(t.submission.status, ['submitted', 'approved'])
				)
			)
			.get();
		if (existing)
			throw new WorkflowError(
				409,
				`A report for ${period} has been submitted already (submission ${existing.id})`
			);
		const id = createSubmission(db, {
			reporter: user.reporterCode as string,
			period,
			source: 'upload',
			status: 'submitted',
			nothingToReport: true,
			createdBy: user.id,
			at,
			rows: []
		});
		audit(db, {
			at,
			actor: user.id,
			action: 'submission.nothing_to_report',
			subject: `submission:${id}`,
			detail: { reporter: user.reporterCode, period },
			address: options.address
		});
		return id;
	});
}

/** The indicators a submission has values for, in plan order (for its public preview links). */
export function submissionIndicators(db: Db, id: number): string[] {
	return (
		db.$client
			.prepare(
				`SELECT DISTINCT v.indicator_code AS code FROM submission_value v
				 JOIN indicator i ON i.code = v.indicator_code
				 WHERE v.submission_id = ? ORDER BY i.position`
			)
			.all(id) as { code: string }[]
	).map((r) => r.code);
}
