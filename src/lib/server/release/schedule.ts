/**
 * The publication calendar: a release once a quarter, `PUBLICATION_LAG_DAYS` after the
 * reporting deadline, when approvals or reopenings wait for it. Reads only: `publishIfDue`
 * (publish.ts) makes the release the calendar asks for.
 */
import { nextPublication, PUBLICATION_LAG_DAYS } from '../../domain/calendar';
import type { Db } from '../db';
import { getPlan } from '../plan';
import { latestRelease, type Release } from './read';

/** Days after a quarter's reporting deadline that its figures are published (`PUBLICATION_LAG_DAYS`). */
export function publicationLag(): number {
	const days = Number(process.env.PUBLICATION_LAG_DAYS);
	return Number.isInteger(days) && days >= 0 ? days : PUBLICATION_LAG_DAYS;
}

/** When the public tier was last and will next be published, and what waits for it. */
export interface Schedule {
	last: Release | null;
	next: string;
	/**
	 * Approvals, reopenings and target revisions since the last release: what the next one will
	 * publish.
	 */
	waiting: number;
	/** The next publication's date has come and something waits. */
	due: boolean;
}

/** The publication calendar as of `now`. */
export function publicationSchedule(db: Db, now: Date = new Date()): Schedule {
	const last = latestRelease(db);
	const plan = getPlan(db);
	const since = last?.at ?? '';
	const next = nextPublication(new Date(since || 0), plan.deadlineDays, publicationLag());
	const { waiting } = db.$client
		.prepare(
			`SELECT count(*) AS waiting FROM audit_log
			 WHERE action IN ('submission.approve', 'submission.reopen', 'plan.target.revise')
			   AND id > ?`
		)
		.get(last?.auditThrough ?? 0) as { waiting: number };
	const upcoming = next > now ? next : nextPublication(now, plan.deadlineDays, publicationLag());
	return {
		last,
		next: (waiting && next <= now ? next : upcoming).toISOString(),
		waiting,
		due: waiting > 0 && next <= now
	};
}

/** Whether an approved submission's figures wait for the next release (approved after the last). */
export function awaitsPublication(db: Db, submissionId: number): boolean {
	const last = latestRelease(db);
	const row = db.$client
		.prepare(
			`SELECT 1 FROM audit_log WHERE action = 'submission.approve' AND subject = ? AND id > ? LIMIT 1`
		)
		.get(`submission:${submissionId}`, last?.auditThrough ?? 0);
	return row !== undefined;
}
