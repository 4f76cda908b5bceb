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
		what: string,
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
		check('female and male', get(TOTAL, age), [get(FEMALE, age), get(MALE, age)]);
	for (let sex = 0; sex < SEXES.length; sex++) {
		const u15 = get(sex, UNDER15);
		const older = get(sex, FROM15TO17);
		const u18 = get(sex, UNDER18);
		const adult = get(sex, ADULT);
		check('under 15 and 15–17', u18, [u15, older]);
		const children = Math.max(u18?.value ?? 0, (u15?.value ?? 0) + (older?.value ?? 0));
		check(
			'the age groups',
			get(sex, ALL),
			[adult, u18, u15, older],
			(adult?.value ?? 0) + children
		);
	}
	return problems;
}

/** A group whose breakdowns exceed a total: its key, its figures, what is wrong. */
export interface GroupProblems {
	key: string;
	figures: Figure[];
	problems: BreakdownProblem[];
}

/**
 * Checks the breakdowns of figures as they stream by, holding one group at a time (a group: one
 * reporter's indicator, province and quarter, named by `key`). Files list a group's figures
 * together; when a group comes back after another, `revisited` turns true and the caller must
 * check again with the figures in key order. A figure given twice counts once, the first.
 */
export class BreakdownChecker {
	revisited = false;
	#key = '';
	#figures: Figure[] = [];
	#seen = new Set<string>();
	#found: GroupProblems[] = [];

	add(key: string, figure: Figure): void {
		if (key !== this.#key) {
			this.#close();
			if (this.#seen.has(key)) this.revisited = true;
			this.#key = key;
		}
		for (const f of this.#figures)
			if (f.sex === figure.sex && f.ageGroup === figure.ageGroup) return;
		this.#figures.push(figure);
	}

	/** The groups whose breakdowns exceed their totals, once every figure is in. */
	finish(): GroupProblems[] {
		this.#close();
		return this.#found;
	}

	#close() {
		if (this.#figures.length > 1) {
			const problems = breakdownProblems(this.#figures);
			if (problems.length) this.#found.push({ key: this.#key, figures: this.#figures, problems });
		}
		if (this.#key) this.#seen.add(this.#key);
		this.#figures = [];
	}
}
