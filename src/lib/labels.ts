/**
 * Words for the codes the app shows (statuses, roles, kinds), from the message files, so that
 * every page says them the same way in English and Khmer.
 */
import { formatNumber, formatValue, type Locale } from '$lib/domain/format';
import { m } from '$lib/paraglide/messages';
import { currentLocale } from '$lib/locale';

export const submissionStatusLabel = (status: string): string =>
	({
		draft: m.status_draft(),
		submitted: m.status_submitted(),
		returned: m.status_returned(),
		approved: m.status_approved(),
		withdrawn: m.status_withdrawn()
	})[status] ?? status;

export const roleLabel = (role: string): string =>
	({ reporter: m.role_reporter(), reviewer: m.role_reviewer(), admin: m.role_admin() })[role] ??
	role;

export const kindLabel = (kind: string): string =>
	({
		government: m.kind_government(),
		ngo: m.kind_ngo(),
		international: m.kind_international()
	})[kind] ?? kind;

export const sexLabel = (sex: string): string =>
	({
		total: m.sex_total(),
		female: m.sex_female(),
		male: m.sex_male(),
		'not-recorded': m.sex_not_recorded()
	})[sex] ?? sex;

export const ageLabel = (age: string): string =>
	({
		all: m.age_all(),
		under15: m.age_under15(),
		'15to17': m.age_15to17(),
		under18: m.age_under18(),
		adult: m.age_adult(),
		'not-recorded': m.age_not_recorded(),
		'under18-not-recorded': m.age_under18_not_recorded()
	})[age] ?? age;

/**
 * How a withheld figure reads: the same word for every one, whatever the reason (a small count,
 * or a figure that would give one away): what a label says must never narrow it.
 */
export const withheldLabel = (): string => m.suppressed();

/** What a chart's value axis measures: a count, or a share in per cent. */
export const axisLabel = (unit: 'count' | 'percent'): string =>
	unit === 'percent' ? m.axis_percent() : m.axis_count();

/** A published figure as text: its value, or "withheld". */
export const figureText = (
	cell: { value: number | null; hidden: boolean },
	unit: 'count' | 'percent',
	locale: Locale
): string => (cell.hidden ? withheldLabel() : formatValue(cell.value, unit, locale));

/** A message of messages/*.json with its parameters, as the importer says things. */
export interface MessageLike {
	key: string;
	params: Record<string, number | string | number[]>;
}

/** A refusal of a whole file as the importer gives it: English, and the message it is. */
export interface RefusalLike {
	refused: string;
	message?: MessageLike;
}

/**
 * A message in the reader's language, numbers in the reader's digits (a Khmer message may use a
 * parameter's Khmer form, `province_km`). Null for a key the message files lack.
 */
export function messageText(message: MessageLike): string | null {
	const render = (m as unknown as Record<string, (p: Record<string, string>) => string>)[
		message.key
	];
	if (typeof render !== 'function') return null;
	const locale = currentLocale();
	const shown = (v: number | string | number[]) =>
		Array.isArray(v)
			? v.map((n) => formatNumber(n, locale)).join(', ')
			: typeof v === 'number'
				? formatNumber(v, locale)
				: v;
	const params = Object.fromEntries(Object.entries(message.params).map(([k, v]) => [k, shown(v)]));
	return render(params);
}

/** Why a file was refused, in the reader's language (the English as given when no message says). */
export function refusalText(refusal: RefusalLike): string {
	return (refusal.message && messageText(refusal.message)) ?? refusal.refused;
}

/** Why a row was rejected, in the reader's language. */
export const rowErrorText = (e: MessageLike): string => messageText(e) ?? e.key;

/** A target's name: the baseline (the year before the plan), a year's milestone or the end target. */
export function targetLabel(
	field: string,
	year: number | null,
	plan: { firstYear: number; lastYear: number },
	locale: Locale
): string {
	if (field === 'baseline')
		return m.target_baseline({ year: formatNumber(plan.firstYear - 1, locale) });
	if (field === 'end') return m.target_end({ year: formatNumber(plan.lastYear, locale) });
	return m.target_milestone({ year: formatNumber(year ?? 0, locale) });
}
