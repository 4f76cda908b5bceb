/**
 * Completeness of reporting: which reporter sent which quarter's report, and
 * whether on time (by the deadline, default 30 days after the quarter ends). A report of "nothing
 * to report" is a true zero: received, unlike a report that never came.
 */
import { period, reportDeadline } from './periods';

export type CellState = 'on_time' | 'late' | 'missing';

export interface ReceivedReport {
	reporter: string;
	period: string;
	/** ISO time it was submitted. */
	submittedAt: string;
	nothingToReport: boolean;
}

export interface Cell {
	reporter: string;
	period: string;
	state: CellState;
	nothingToReport: boolean;
}

/** The reporter × quarter matrix: the first report of each cell decides whether it was on time. */
export function completenessMatrix(options: {
	reporters: readonly string[];
	periods: readonly string[];
	reports: readonly ReceivedReport[];
	deadlineDays: number;
}): Cell[] {
	const first = new Map<string, ReceivedReport>();
	for (const r of options.reports) {
		const key = `${r.reporter}|${r.period}`;
		const seen = first.get(key);
		if (!seen || r.submittedAt < seen.submittedAt) first.set(key, r);
	}
	const cells: Cell[] = [];
	for (const reporter of options.reporters)
		for (const p of options.periods) {
			const r = first.get(`${reporter}|${p}`);
			const deadline = reportDeadline(period(p), options.deadlineDays).toISOString();
			cells.push({
				reporter,
				period: p,
				state: !r ? 'missing' : r.submittedAt <= deadline ? 'on_time' : 'late',
				nothingToReport: r?.nothingToReport ?? false
			});
		}
	return cells;
}

/** Share of expected reports received on time, per quarter, in percent. */
export function onTimeRates(cells: readonly Cell[]): Map<string, number> {
	const by = new Map<string, { expected: number; onTime: number }>();
	for (const c of cells) {
		const n = by.get(c.period) ?? { expected: 0, onTime: 0 };
		n.expected++;
		if (c.state === 'on_time') n.onTime++;
		by.set(c.period, n);
	}
	return new Map([...by].map(([p, n]) => [p, (100 * n.onTime) / n.expected]));
}

/** The matrix by reporter, in the reporters' order, with each reporter's counts. */
export function byReporter(reporters: readonly string[], cells: readonly Cell[]) {
	return reporters.map((reporter) => {
		const row = cells.filter((c) => c.reporter === reporter);
		const count = (state: CellState) => row.filter((c) => c.state === state).length;
		return {
			reporter,
			cells: row,
			onTime: count('on_time'),
			late: count('late'),
			missing: count('missing')
		};
	});
}
