import { fail } from '@sveltejs/kit';
import { getDb } from '$lib/server/db';
import { formTooLong } from '$lib/server/form-limits';
import { ADMINS, requireRole } from '$lib/server/guard';
import { listReleases, publicThreshold, setPublicThreshold } from '$lib/server/public-tier';
import { submittedIds } from '$lib/server/dashboard';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = (event) => {
	requireRole(event, ADMINS);
	const db = getDb();
	return { k: publicThreshold(db), releases: listReleases(db, 20), waiting: submittedIds(db) };
};

export const actions: Actions = {
	threshold: async (event) => {
		const admin = requireRole(event, ADMINS);
		const form = await event.request.formData();
		const tooLong = formTooLong(form);
		if (tooLong) return fail(400, { error: tooLong });
		const k = Number(form.get('k'));
		try {
			setPublicThreshold(getDb(), k, { actor: admin.id, address: event.getClientAddress() });
		} catch (e) {
			if (e instanceof RangeError) return fail(400, { error: e.message });
			throw e;
		}
		return { saved: k };
	}
};
