/**
 * A new indicator, and a change of an indicator's names and definitions, checked before they are
 * written: the code follows the plan's pattern (its area's code, a dash and two or three digits,
 * as `PROT-02`), the names and definitions are given in English and in Khmer, the unit,
 * accumulation and direction are the plan's words, the breakdowns are ones a figure can have, and
 * the national target is one the indicator can hold. Pure; the plan editor
 * (`$lib/server/plan-edit.ts`) writes what passes.
 */
import { FIELD_LIMITS, OTHER_FIELD } from './limits';
import { AGE_GROUPS, SEXES } from './words';

export const UNITS = ['count', 'percent'] as const;
export const ACCUMULATIONS = ['sum', 'latest', 'mean'] as const;
export const DIRECTIONS = ['increase', 'decrease'] as const;
/** The sex breakdowns an indicator may allow (the total is always allowed). */
export const SEX_BREAKDOWNS = SEXES.filter((s) => s !== 'total');
/** The age groups an indicator may allow (every age is always allowed). */
export const AGE_BREAKDOWNS = AGE_GROUPS.filter((a) => a !== 'all');

/** An indicator's names and definitions, in English and in Khmer. */
export interface IndicatorTexts {
	nameEn: string;
	nameKm: string;
	definitionEn: string;
	definitionKm: string;
}

/** A new indicator with its national target, as the plan editor's form gives it. */
export interface IndicatorDraft extends IndicatorTexts {
	code: string;
	area: string;
	unit: string;
	accumulation: string;
	direction: string;
	sexes: string[];
	ageGroups: string[];
	sensitive: boolean;
	target: {
		baseline: number;
		end: number;
		/** Year → milestone; a year left out lies on the line from the baseline to the end. */
		milestones: Record<number, number>;
	};
}

/** Why an indicator cannot be added or changed: a message of messages/*.json and its parameters. */
export interface IndicatorProblem {
	key:
		| 'refused_indicator_code'
		| 'refused_indicator_exists'
		| 'refused_area_unknown'
		| 'refused_indicator_names'
		| 'refused_indicator_definitions'
		| 'refused_indicator_kind'
		| 'refused_indicator_breakdown'
		| 'refused_target_value'
		| 'refused_target_percent'
		| 'refused_target_year'
		| 'refused_reason_required'
		| 'refused_too_long';
	params: Record<string, string | number>;
}

const problem = (
	key: IndicatorProblem['key'],
	params: IndicatorProblem['params'] = {}
): IndicatorProblem => ({ key, params });

/** An indicator's code for an area: the area's code, a dash and two or three digits. */
export function isIndicatorCode(code: string, area: string): boolean {
	return /^[A-Z]{2,10}-\d{2,3}$/.test(code) && code.startsWith(`${area}-`);
}

/** What is wrong with an indicator's names and definitions, or null. */
export function textsProblem(texts: IndicatorTexts): IndicatorProblem | null {
	const names = [texts.nameEn, texts.nameKm];
	const definitions = [texts.definitionEn, texts.definitionKm];
	if (names.some((n) => !n.trim())) return problem('refused_indicator_names');
	if (definitions.some((d) => !d.trim())) return problem('refused_indicator_definitions');
	if (names.some((n) => n.trim().length > OTHER_FIELD))
		return problem('refused_too_long', { max: OTHER_FIELD });
	if (definitions.some((d) => d.trim().length > FIELD_LIMITS.definitionEn))
		return problem('refused_too_long', { max: FIELD_LIMITS.definitionEn });
	return null;
}

/** What is wrong with a target value of an indicator of `unit`, or null. */
function valueProblem(value: number, unit: string): IndicatorProblem | null {
	if (!Number.isFinite(value) || value < 0) return problem('refused_target_value');
	if (unit === 'percent' && value > 100) return problem('refused_target_percent');
	return null;
}

/**
 * What is wrong with a new indicator of a plan with these areas, codes taken and years, or null.
 * Codes are compared in capitals (the form's code is read in capitals).
 */
export function indicatorProblem(
	draft: IndicatorDraft,
	plan: { areas: readonly string[]; codes: readonly string[]; firstYear: number; lastYear: number }
): IndicatorProblem | null {
	if (!plan.areas.includes(draft.area)) return problem('refused_area_unknown');
	if (!isIndicatorCode(draft.code, draft.area))
		return problem('refused_indicator_code', { area: draft.area });
	if (plan.codes.includes(draft.code))
		return problem('refused_indicator_exists', { code: draft.code });
	const texts = textsProblem(draft);
	if (texts) return texts;
	if (
		!(UNITS as readonly string[]).includes(draft.unit) ||
		!(ACCUMULATIONS as readonly string[]).includes(draft.accumulation) ||
		!(DIRECTIONS as readonly string[]).includes(draft.direction)
	)
		return problem('refused_indicator_kind');
	if (
		draft.sexes.some((s) => !(SEX_BREAKDOWNS as string[]).includes(s)) ||
		draft.ageGroups.some((a) => !(AGE_BREAKDOWNS as string[]).includes(a))
	)
		return problem('refused_indicator_breakdown');
	const { baseline, end, milestones } = draft.target;
	for (const value of [baseline, end, ...Object.values(milestones)]) {
		const wrong = valueProblem(value, draft.unit);
		if (wrong) return wrong;
	}
	for (const year of Object.keys(milestones).map(Number))
		if (!Number.isInteger(year) || year < plan.firstYear || year > plan.lastYear)
			return problem('refused_target_year', { first: plan.firstYear, last: plan.lastYear });
	return null;
}

/** What is wrong with a change of an indicator's names and definitions with this reason, or null. */
export function textChangeProblem(texts: IndicatorTexts, reason: string): IndicatorProblem | null {
	const wrong = textsProblem(texts);
	if (wrong) return wrong;
	if (!reason.trim()) return problem('refused_reason_required');
	if (reason.trim().length > FIELD_LIMITS.reason)
		return problem('refused_too_long', { max: FIELD_LIMITS.reason });
	return null;
}
