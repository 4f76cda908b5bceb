import { fail } from '@sveltejs/kit';
import { getDb } from '$lib/server/db';
import { formTooLong } from '$lib/server/form-limits';
import { ADMINS, requireRole } from '$lib/server/guard';
import { planOutline } from '$lib/server/plan-edit';
import {
	assignableIndicators,
	listProvinces,
	listReporters,
	saveReporter,
	setReporterIndicators
} from '$lib/server/reporters';
import { formAnswer } from '$lib/server/route-answers';
import type { Actions, PageServerLoad, RequestEvent } from './$types';

export const load: PageServerLoad = (event) => {
	requireRole(event, ADMINS);
	const db = getDb();
	const assignable = assignableIndicators(db);
	return {
		reporters: listReporters(db),
		provinces: listProvinces(db),
		// The indicators a reporter can be assigned, by area.
		areas: planOutline(db)
			.areas.map(({ area }) => ({
				code: area.code,
				nameEn: area.nameEn,
				nameKm: area.nameKm,
				indicators: assignable.filter((i) => i.areaCode === area.code)
			}))
			.filter((a) => a.indicators.length)
	};
};

function save(mode: 'create' | 'update') {
	return async (event: RequestEvent) => {
		const admin = requireRole(event, ADMINS);
		const form = await event.request.formData();
		const values = {
			code: String(form.get('code') ?? ''),
			nameEn: String(form.get('nameEn') ?? ''),
			nameKm: String(form.get('nameKm') ?? ''),
			kind: String(form.get('kind') ?? '') as 'ngo',
			provinces: form.getAll('provinces').map(String),
			active: mode === 'create' || form.get('active') === 'on'
		};
		const tooLong = formTooLong(form);
		if (tooLong) return fail(400, { mode, values, error: tooLong });
		return formAnswer(
			() => {
				const code = saveReporter(getDb(), values, {
					mode,
					actor: admin.id,
					address: event.getClientAddress()
				});
				return { saved: code };
			},
			{ mode, values }
		);
	};
}

/** `indicators`: the indicators a reporter reports (none ticked: every one). */
async function assign(event: RequestEvent) {
	const admin = requireRole(event, ADMINS);
	const form = await event.request.formData();
	const tooLong = formTooLong(form);
	if (tooLong) return fail(400, { error: tooLong });
	const reporter = String(form.get('code') ?? '');
	return formAnswer(() => ({
		assigned: {
			reporter,
			indicators: setReporterIndicators(getDb(), {
				reporter,
				indicators: form.getAll('indicators').map(String),
				actor: admin.id,
				address: event.getClientAddress()
			})
		}
	}));
}

export const actions: Actions = {
	create: save('create'),
	update: save('update'),
	indicators: assign
};
