/**
 * A submission's life after it is written: approval (its values become the approved record),
 * reopening (they come off it again), returning, comments, "nothing to report", and the
 * replacement of older drafts of the same quarter.
 *
 * Contract: every function here is one SQLite transaction; a failure leaves the database as it
 * was. Approval is set-based SQL: the submission's values replace the approved values with the
 * same key, and a replaced value moves to `value_history`. A value that a later submission sends
 * again unchanged stays as it was, so re-approving the same figures changes nothing.
 */
import { and, eq, inArray, ne } from 'drizzle-orm';
import {
	canSee,
	canTake,
	WORKFLOW,
	type Actor,
	type SubmissionStatus,
	type WorkflowAction
} from '../../domain/workflow';
import { FIELD_LIMITS } from '../../domain/limits';
import { audit } from '../audit';
import { inTransaction, type Db } from '../db';
import * as t from '../db/schema';
import { refreshReviewPages } from '../release';
import { Refused } from '../refused';
import { SAME_KEY } from './compare';
import { createSubmission } from './write';

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

export interface ActingUser extends Actor {
	id: string;
}

/**
 * Takes a workflow step on a submission for a signed-in user, in one transaction, with its
 * comment and audit row. Refuses (`Refused`) with 404 if the user may not see the
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
		throw new Refused(400, 'refused_comment_too_long', { max: FIELD_LIMITS.comment });
	return inTransaction(db, () => {
		const sub = db.select().from(t.submission).where(eq(t.submission.id, id)).get();
		if (!sub || !canSee(user, sub)) throw new Refused(404, 'refused_no_submission');
		const rule = WORKFLOW[action];
		if (!canTake(user, action, { ...sub, status: rule.from[0] }))
			throw new Refused(403, 'refused_not_allowed');
		if (!canTake(user, action, sub)) throw new Refused(409, `refused_submission_${sub.status}`);
		if (rule.needsComment && !comment) throw new Refused(400, 'refused_comment_required');
		const block =
			action === 'submit'
				? submitBlock(db, sub, sub.summary ? JSON.parse(sub.summary) : null)
				: null;
		if (block) throw new Refused(409, `submit_blocked_${block}`);

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

/** Why a submission cannot be submitted yet. */
export type SubmitBlock = 'empty' | 'mapping';

/**
 * What keeps a submission from review: no valid figure (unless it says "nothing to report"), or,
 * for a draft, questions about unknown columns or names not yet answered.
 */
export function submitBlock(
	db: Db,
	sub: { id: number; status: string; nothingToReport: boolean },
	report: { unknown?: { headers: string[]; indicators: string[]; provinces: string[] } } | null
): SubmitBlock | null {
	const unknown = report?.unknown;
	if (sub.status === 'draft' && unknown) {
		if (unknown.headers.length + unknown.indicators.length + unknown.provinces.length)
			return 'mapping';
	}
	if (sub.nothingToReport) return null;
	const any = db.$client
		.prepare('SELECT 1 FROM submission_value WHERE submission_id = ? LIMIT 1')
		.get(sub.id);
	return any ? null : 'empty';
}

/** Adds a comment to a submission the user may see. */
export function addComment(
	db: Db,
	options: { id: number; user: ActingUser; body: string; at?: string; address?: string | null }
): void {
	const body = options.body.trim();
	if (!body) throw new Refused(400, 'refused_comment_empty');
	if (body.length > FIELD_LIMITS.comment)
		throw new Refused(400, 'refused_comment_too_long', { max: FIELD_LIMITS.comment });
	inTransaction(db, () => {
		const sub = db.select().from(t.submission).where(eq(t.submission.id, options.id)).get();
		if (!sub || !canSee(options.user, sub)) throw new Refused(404, 'refused_no_submission');
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

/**
 * "Nothing to report" for a quarter: a true zero, submitted like a report with no figures, so
 * that completeness counts it as received. One per organisation and quarter.
 */
export function reportNothing(
	db: Db,
	options: { user: ActingUser; period: string; at?: string; address?: string | null }
): number {
	const { user, period } = options;
	if (user.role !== 'reporter' || !user.reporterCode) throw new Refused(403, 'refused_not_allowed');
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
			throw new Refused(409, 'refused_report_exists', { period, id: String(existing.id) });
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

/** The other drafts (uploads, not yet submitted) of submission `id`'s organisation and quarter. */
export function otherDrafts(db: Db, id: number): number[] {
	const sub = db.select().from(t.submission).where(eq(t.submission.id, id)).get();
	if (!sub?.period) return [];
	return db
		.select({ id: t.submission.id })
		.from(t.submission)
		.where(
			and(
				eq(t.submission.reporterCode, sub.reporterCode),
				eq(t.submission.period, sub.period),
				eq(t.submission.status, 'draft'),
				ne(t.submission.id, id),
				inArray(t.submission.source, ['upload', 'cli'])
			)
		)
		.orderBy(t.submission.id)
		.all()
		.map((s) => s.id);
}

/**
 * The reporter's answer "replace" to a second upload of a quarter: the other drafts of the
 * quarter are withdrawn, each audited. Returns their ids. Only the organisation's own reporter
 * may, from a draft of its own.
 */
export function replaceOtherDrafts(
	db: Db,
	options: { id: number; user: ActingUser; at?: string; address?: string | null }
): number[] {
	const { id, user } = options;
	return inTransaction(db, () => {
		const sub = db.select().from(t.submission).where(eq(t.submission.id, id)).get();
		if (!sub || !canSee(user, sub)) throw new Refused(404, 'refused_no_submission');
		if (user.role !== 'reporter' || user.reporterCode !== sub.reporterCode)
			throw new Refused(403, 'refused_not_allowed');
		if (sub.status !== 'draft') throw new Refused(409, `refused_submission_${sub.status}`);
		return withdrawOtherDrafts(db, id, {
			actor: user.id,
			at: options.at ?? new Date().toISOString(),
			address: options.address
		});
	});
}

/** Withdraws the other drafts of submission `id`'s quarter, each audited; returns their ids. */
export function withdrawOtherDrafts(
	db: Db,
	id: number,
	options: { actor: string; at: string; address?: string | null }
): number[] {
	const older = otherDrafts(db, id);
	if (!older.length) return [];
	db.update(t.submission).set({ status: 'withdrawn' }).where(inArray(t.submission.id, older)).run();
	for (const old of older)
		audit(db, {
			at: options.at,
			actor: options.actor,
			action: 'submission.withdraw',
			subject: `submission:${old}`,
			detail: { replacedBy: id },
			address: options.address
		});
	return older;
}
