/**
 * Reading submissions as a user may see them: the list (filtered, paged), one submission with
 * its comments, report and values beside the record, its original file, the indicators it has
 * values for. Nothing here writes.
 */
import { and, asc, count, desc, eq, inArray, ne, sql, type SQL } from 'drizzle-orm';
import { availableActions, canSee, type Actor, type SubmissionStatus } from '../../domain/workflow';
import type { Db } from '../db';
import * as t from '../db/schema';
import { readStoredFile } from '../files';
import { boundReport } from '../import/report';
import { compareValues, countChanges } from './compare';
import type { StoredReport } from './from-file';

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
	const counts = countChanges(db, id, sub.reporterCode);
	const values = compareValues(db, id, sub.reporterCode, {
		limit: page.limit ?? 200,
		offset: page.offset ?? 0
	});
	// The stored report and mapping are read here, bounded, never handed on as they are kept.
	const { summary, mapping, ...submission } = sub;
	void mapping;
	return {
		submission,
		/** The import's report, for uploads: errors, unknown names, changes (report.ts bounds). */
		report: summary ? boundReport(JSON.parse(summary) as StoredReport) : null,
		comments,
		counts,
		values,
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
