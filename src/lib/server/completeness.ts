/**
 * Completeness of reporting from the submissions: the reporter × quarter matrix that
 * reviewers see, and from which COOR-03 is computed. A report counts once it is submitted
 * (drafts and withdrawn submissions do not); its first submission decides whether it was on time.
 */
import { and, asc, eq, inArray, isNotNull, max } from 'drizzle-orm';
import { completenessMatrix, type Cell } from '../domain/completeness';
import { quartersOf } from '../domain/periods';
import type { Db } from './db';
import * as t from './db/schema';
import { getPlan } from './plan';

/**
 * The matrix for the active reporters, from the plan's first quarter through `through` (default:
 * the last quarter anyone has submitted for).
 */
export function loadCompleteness(
	db: Db,
	options: { through?: string } = {}
): { reporters: string[]; periods: string[]; cells: Cell[]; deadlineDays: number } {
	const plan = getPlan(db);
	const counted = inArray(t.submission.status, ['submitted', 'returned', 'approved']);
	const last =
		options.through ??
		db
			.select({ p: max(t.submission.period) })
			.from(t.submission)
			.where(counted)
			.get()?.p ??
		null;
	const periods = last ? quartersOf(plan.firstYear, plan.lastYear).filter((p) => p <= last) : [];
	const reporters = db
		.select({ code: t.reporter.code })
		.from(t.reporter)
		.where(eq(t.reporter.active, true))
		.orderBy(asc(t.reporter.code))
		.all()
		.map((r) => r.code);
	const reports = db
		.select({
			reporter: t.submission.reporterCode,
			period: t.submission.period,
			submittedAt: t.submission.submittedAt,
			nothingToReport: t.submission.nothingToReport
		})
		.from(t.submission)
		.where(and(counted, isNotNull(t.submission.period), isNotNull(t.submission.submittedAt)))
		.all()
		.map((r) => ({ ...r, period: r.period as string, submittedAt: r.submittedAt as string }));
	const cells = completenessMatrix({
		reporters,
		periods,
		reports,
		deadlineDays: plan.deadlineDays
	});
	return { reporters, periods, cells, deadlineDays: plan.deadlineDays };
}
