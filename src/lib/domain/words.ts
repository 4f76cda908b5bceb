/**
 * The shared words of the model, defined once: roles, submission statuses, and the breakdowns of
 * a figure (sex, age group). The database schema, the importer, the workflow and the pages all
 * take them from here.
 */

/** Who a signed-in person is. */
export const ROLES = ['reporter', 'reviewer', 'admin'] as const;
export type Role = (typeof ROLES)[number];

/** Where a submission stands in review. */
export const SUBMISSION_STATUSES = [
	'draft',
	'submitted',
	'returned',
	'approved',
	'withdrawn'
] as const;
export type SubmissionStatus = (typeof SUBMISSION_STATUSES)[number];

/** A figure's sex breakdown; `total` is the figure of both. */
export const SEXES = ['total', 'female', 'male'] as const;
export type Sex = (typeof SEXES)[number];

/** A figure's age breakdown; `all` is the figure of every age. */
export const AGE_GROUPS = ['all', 'under15', '15to17', 'under18', 'adult'] as const;
export type AgeGroup = (typeof AGE_GROUPS)[number];

/** One figure: an indicator's value for a province, a quarter, a sex and an age group. */
export interface Figure {
	indicator: string;
	province: string;
	period: string;
	sex: Sex;
	ageGroup: AgeGroup;
	value: number;
	note?: string | null;
}
