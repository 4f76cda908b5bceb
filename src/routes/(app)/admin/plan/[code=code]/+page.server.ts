import { fail } from '@sveltejs/kit';
import { TARGET_FIELDS, type TargetField } from '$lib/domain/target-revision';
import { getDb } from '$lib/server/db';
import { formTooLong } from '$lib/server/form-limits';
import { ADMINS, requireRole } from '$lib/server/guard';
import {
	indicatorTargets,
	retireIndicator,
	reviseIndicatorTexts,
	reviseTarget
} from '$lib/server/plan-edit';
import { formAnswer, orNotFound } from '$lib/server/route-answers';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = (event) => {
	requireRole(event, ADMINS);
	const { plan, indicator, target, revisions } = orNotFound(
		indicatorTargets(getDb(), event.params.code.toUpperCase())
	);
	return {
		plan: { firstYear: plan.firstYear, lastYear: plan.lastYear },
		indicator: {
			code: indicator.code,
			nameEn: indicator.nameEn,
			nameKm: indicator.nameKm,
			definitionEn: indicator.definitionEn,
			definitionKm: indicator.definitionKm,
			retiredAt: indicator.retiredAt,
			unit: indicator.unit,
			accumulation: indicator.accumulation
		},
		target: target && {
			baseline: target.baseline,
			endTarget: target.endTarget,
			milestones: target.milestones as Record<number, number>
		},
		revisions
	};
};

/**
 * `revise`: one target revised, with its reason; `what` is `baseline`, `end` or `milestone:<year>`.
 * `texts`: the names and definitions revised, with a reason. `retire`: retired, with a reason.
 */
export const actions: Actions = {
	retire: async (event) => {
		const admin = requireRole(event, ADMINS);
		const form = await event.request.formData();
		const tooLong = formTooLong(form);
		if (tooLong) return fail(400, { error: tooLong });
		return formAnswer(() => ({
			retired: retireIndicator(getDb(), {
				indicator: event.params.code.toUpperCase(),
				reason: String(form.get('reason') ?? ''),
				actor: admin.id,
				address: event.getClientAddress()
			})
		}));
	},
	texts: async (event) => {
		const admin = requireRole(event, ADMINS);
		const form = await event.request.formData();
		const tooLong = formTooLong(form);
		if (tooLong) return fail(400, { error: tooLong });
		const text = (name: string) => String(form.get(name) ?? '');
		const texts = {
			nameEn: text('nameEn'),
			nameKm: text('nameKm'),
			definitionEn: text('definitionEn'),
			definitionKm: text('definitionKm')
		};
		return formAnswer(() => {
			reviseIndicatorTexts(getDb(), {
				indicator: event.params.code.toUpperCase(),
				texts,
				reason: text('reason'),
				actor: admin.id,
				address: event.getClientAddress()
			});
			return { textsSaved: true };
		});
	},
	revise: async (event) => {
		const admin = requireRole(event, ADMINS);
		const form = await event.request.formData();
		const tooLong = formTooLong(form);
		if (tooLong) return fail(400, { error: tooLong });
		const [field, year] = String(form.get('what') ?? '').split(':');
		const value = Number(String(form.get('value') ?? '').trim() || Number.NaN);
		const change = {
			field: (TARGET_FIELDS as readonly string[]).includes(field)
				? (field as TargetField)
				: ('' as TargetField),
			year: year ? Number(year) : null,
			value,
			reason: String(form.get('reason') ?? '')
		};
		return formAnswer(() => {
			reviseTarget(getDb(), {
				indicator: event.params.code.toUpperCase(),
				change,
				actor: admin.id,
				address: event.getClientAddress()
			});
			return { revised: { field: change.field, year: change.year, value } };
		});
	}
};
