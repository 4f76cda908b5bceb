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
	/** What the parts are: female and male, under 15 and 15–17, or the age groups. */
	what: 'sexes' | 'children' | 'ages';
	/** The rows of the parts, which are rejected. */
	rows: number[];
	parts: number;
	total: number;
	totalRow: number;
}

const SEXES = ['total', 'female', 'male'];
const AGES = ['all', 'under15', '15to17', 'under18', 'adult'];
const SEX_INDEX = new Map(SEXES.map((s, i) => [s, i]));
const AGE_INDEX = new Map(AGES.map((a, i) => [a, i]));
const [ALL, UNDER15, FROM15TO17, UNDER18, ADULT] = AGES.map((_, i) => i);

export function breakdownProblems(figures: readonly Figure[]): BreakdownProblem[] {
	// Each figure in its slot, sex by age: this runs once per group, a million rows at a time.
	const at: (Figure | undefined)[] = new Array(SEXES.length * AGES.length);
	for (const f of figures) at[SEX_INDEX.get(f.sex)! * AGES.length + AGE_INDEX.get(f.ageGroup)!] = f;
	const get = (sex: number, age: number) => at[sex * AGES.length + age];
	const problems: BreakdownProblem[] = [];
	const check = (
		what: BreakdownProblem['what'],
		total: Figure | undefined,
		parts: (Figure | undefined)[],
		sum?: number
	) => {
		if (!total) return;
		const present = parts.filter((p): p is Figure => p !== undefined);
		if (present.length === 0) return;
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
	const [TOTAL, FEMALE, MALE] = [0, 1, 2];
	for (let age = 0; age < AGES.length; age++)
		check('sexes', get(TOTAL, age), [get(FEMALE, age), get(MALE, age)]);
	for (let sex = 0; sex < SEXES.length; sex++) {
		const u15 = get(sex, UNDER15);
		const older = get(sex, FROM15TO17);
		const u18 = get(sex, UNDER18);
		const adult = get(sex, ADULT);
		check('children', u18, [u15, older]);
		const children = Math.max(u18?.value ?? 0, (u15?.value ?? 0) + (older?.value ?? 0));
		check('ages', get(sex, ALL), [adult, u18, u15, older], (adult?.value ?? 0) + children);
	}
	return problems;
}
