/**
 * A revision of a target, checked before it is written: a baseline, a year's milestone or the end
 * target, set to a number the indicator can hold, for a year of the plan, with a reason (plans
 * are revised at mid-term reviews, and the record says why). Pure; the plan editor
 * (`$lib/server/plan-edit.ts`) writes what passes, with its history.
 */
import { FIELD_LIMITS } from './limits';

export const TARGET_FIELDS = ['baseline', 'milestone', 'end'] as const;
export type TargetField = (typeof TARGET_FIELDS)[number];

export interface TargetChange {
	field: TargetField;
	/** The milestone's year; null for the baseline and the end target. */
	year: number | null;
	value: number;
	reason: string;
}

/** Why a revision cannot be made (a message of messages/*.json), or null. */
export type TargetProblem =
	| 'refused_target_field'
	| 'refused_target_value'
	| 'refused_target_percent'
	| 'refused_target_year'
	| 'refused_reason_required'
	| 'refused_too_long';

/** What is wrong with a revision of a target of an indicator of `unit`, in a plan of these years. */
export function targetProblem(
	change: TargetChange,
	context: { unit: 'count' | 'percent'; firstYear: number; lastYear: number }
): TargetProblem | null {
	if (!TARGET_FIELDS.includes(change.field)) return 'refused_target_field';
	if (change.field === 'milestone') {
		const year = change.year;
		if (
			year === null ||
			!Number.isInteger(year) ||
			year < context.firstYear ||
			year > context.lastYear
		)
			return 'refused_target_year';
	}
	if (!Number.isFinite(change.value) || change.value < 0) return 'refused_target_value';
	if (context.unit === 'percent' && change.value > 100) return 'refused_target_percent';
	const reason = change.reason.trim();
	if (!reason) return 'refused_reason_required';
	if (reason.length > FIELD_LIMITS.reason) return 'refused_too_long';
	return null;
}

/** One revision of a target, as the plan editor and the public indicator page show it. */
export interface TargetRevision {
	field: TargetField;
	year: number | null;
	before: number | null;
	after: number;
	reason: string;
	at: string;
}
