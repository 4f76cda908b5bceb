/**
 * Breakdowns must not exceed their totals, within one indicator, province and quarter of one
 * reporter: female + male ≤ total (for the same age group); under 15 + 15–17 ≤ under 18 (same
 * sex); adults + under 18 (or its two parts) ≤ all ages (same sex). Pure: takes the figures of one
 * such group and returns what is wrong, naming the rows.
 */

export interface Figure {
	sex: string;
	ageGroup: string;
	value: number;
	/** Spreadsheet row. */
	row: number;
}

export interface BreakdownProblem {
	/** What the parts are, in words. */
	what: string;
	/** The rows of the parts, which are rejected. */
	rows: number[];
	parts: number;
	total: number;
	totalRow: number;
}

export function breakdownProblems(figures: readonly Figure[]): BreakdownProblem[] {
	const at = new Map(figures.map((f) => [`${f.sex}|${f.ageGroup}`, f]));
	const problems: BreakdownProblem[] = [];
	const check = (
		what: string,
		total: Figure | undefined,
		parts: (Figure | undefined)[],
		sum?: number
	) => {
		const present = parts.filter((p): p is Figure => p !== undefined);
		if (!total || present.length === 0) return;
		const value = sum ?? present.reduce((a, p) => a + p.value, 0);
		if (value > total.value)
			problems.push({
				what,
				rows: present.map((p) => p.row).sort((a, b) => a - b),
				parts: value,
				total: total.value,
				totalRow: total.row
			});
	};
	const ages = new Set(figures.map((f) => f.ageGroup));
	const sexes = new Set(figures.map((f) => f.sex));
	for (const age of ages)
		check('female and male', at.get(`total|${age}`), [
			at.get(`female|${age}`),
			at.get(`male|${age}`)
		]);
	for (const sex of sexes) {
		const u15 = at.get(`${sex}|under15`);
		const older = at.get(`${sex}|15to17`);
		const u18 = at.get(`${sex}|under18`);
		const adult = at.get(`${sex}|adult`);
		check('under 15 and 15–17', u18, [u15, older]);
		const children = Math.max(u18?.value ?? 0, (u15?.value ?? 0) + (older?.value ?? 0));
		check(
			'the age groups',
			at.get(`${sex}|all`),
			[adult, u18, u15, older],
			(adult?.value ?? 0) + children
		);
	}
	return problems;
}
