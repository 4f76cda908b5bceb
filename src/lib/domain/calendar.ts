/**
 * The publication calendar: the public tier gets a new release once a quarter,
 * a set number of days after the quarter's reporting deadline, so that what changes between two
 * releases is a whole quarter's reports rather than one submission. Pure: pass the dates in.
 */
import { periodOf, quarterEnd, reportDeadline, type Period } from './periods';

/** Days after the reporting deadline that a quarter's figures are published, unless set. */
export const PUBLICATION_LAG_DAYS = 15;

/** When the figures reported for quarter `p` are published: its deadline plus `lagDays`. */
export function publicationDate(p: Period, deadlineDays: number, lagDays: number): Date {
	const deadline = reportDeadline(p, deadlineDays);
	return new Date(deadline.getTime() + lagDays * 86_400_000);
}

/** The first scheduled publication strictly after `after`. */
export function nextPublication(after: Date, deadlineDays: number, lagDays: number): Date {
	// A quarter is published in a later quarter: start far enough back to find the first one.
	let p = periodOf(new Date(after.getTime() - (deadlineDays + lagDays + 92) * 86_400_000));
	for (;;) {
		const date = publicationDate(p, deadlineDays, lagDays);
		if (date > after) return date;
		p = periodOf(new Date(quarterEnd(p).getTime() + 86_400_000));
	}
}
