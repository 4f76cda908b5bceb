import { fail } from '@sveltejs/kit';
import type { IndicatorDraft } from '$lib/domain/indicator-draft';
import { getDb } from '$lib/server/db';
import { formTooLong } from '$lib/server/form-limits';
import { ADMINS, requireRole } from '$lib/server/guard';
import { addIndicator, planOutline } from '$lib/server/plan-edit';
import { formAnswer } from '$lib/server/route-answers';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = (event) => {
	requireRole(event, ADMINS);
	const { plan, areas } = planOutline(getDb());
	return {
		plan: {
			titleEn: plan.titleEn,
			titleKm: plan.titleKm,
			firstYear: plan.firstYear,
			lastYear: plan.lastYear
		},
		areas: areas.map(({ area, indicators }) => ({
			code: area.code,
			nameEn: area.nameEn,
			nameKm: area.nameKm,
			indicators: indicators.map((i) => ({
				code: i.code,
				nameEn: i.nameEn,
				nameKm: i.nameKm,
				retiredAt: i.retiredAt
			}))
		}))
	};
};

/** A number typed in a form; NaN when it is empty or not a number. */
const typedNumber = (value: FormDataEntryValue | null) =>
	Number(String(value ?? '').trim() || Number.NaN);

/** The add form as a draft: milestones are the `milestone-<year>` fields that were filled in. */
function readDraft(form: FormData): IndicatorDraft {
	const text = (name: string) => String(form.get(name) ?? '');
	const milestones: Record<number, number> = {};
	for (const [name, value] of form) {
		const year = /^milestone-(\d{4})$/.exec(name)?.[1];
		if (year && String(value).trim()) milestones[Number(year)] = typedNumber(value);
	}
	return {
		code: text('code').trim().toUpperCase(),
		area: text('area'),
		nameEn: text('nameEn'),
		nameKm: text('nameKm'),
		definitionEn: text('definitionEn'),
		definitionKm: text('definitionKm'),
		unit: text('unit'),
		accumulation: text('accumulation'),
		direction: text('direction'),
		sexes: form.getAll('sexes').map(String),
		ageGroups: form.getAll('ageGroups').map(String),
		sensitive: form.get('sensitive') === 'on',
		target: {
			baseline: typedNumber(form.get('baseline')),
			end: typedNumber(form.get('end')),
			milestones
		}
	};
}

/** `add`: an indicator added to the plan with its national target. */
export const actions: Actions = {
	add: async (event) => {
		const admin = requireRole(event, ADMINS);
		const form = await event.request.formData();
		const typed = Object.fromEntries(
			[...form].filter(([, v]) => typeof v === 'string').map(([k, v]) => [k, String(v)])
		);
		const tooLong = formTooLong(form);
		if (tooLong) return fail(400, { typed, error: tooLong });
		return formAnswer(
			() => ({
				added: addIndicator(getDb(), readDraft(form), {
					actor: admin.id,
					address: event.getClientAddress()
				})
			}),
			{ typed }
		);
	}
};
