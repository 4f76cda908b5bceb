import { fail } from '@sveltejs/kit';
import { getDb } from '$lib/server/db';
import { formTooLong } from '$lib/server/form-limits';
import { ADMINS, requireRole } from '$lib/server/guard';
import { formAnswer } from '$lib/server/route-answers';
import {
	listReleases,
	publicationLag,
	publicationSchedule,
	publicThreshold,
	publishNow,
	setPublicThreshold
} from '$lib/server/release';
import { submittedIds } from '$lib/server/dashboard';
import type { Actions, PageServerLoad } from './$types';

/** The longest reason kept for publishing ahead of the calendar. */
const MAX_REASON = 500;

export const load: PageServerLoad = (event) => {
	requireRole(event, ADMINS);
	const db = getDb();
	const schedule = publicationSchedule(db);
	return {
		k: publicThreshold(db),
		releases: listReleases(db, 20),
		waiting: submittedIds(db),
		schedule: { next: schedule.next, waiting: schedule.waiting, lag: publicationLag() }
	};
};

export const actions: Actions = {
	threshold: async (event) => {
		const admin = requireRole(event, ADMINS);
		const form = await event.request.formData();
		const tooLong = formTooLong(form);
		if (tooLong) return fail(400, { error: tooLong });
		const k = Number(form.get('k'));
		return formAnswer(() => {
			setPublicThreshold(getDb(), k, { actor: admin.id, address: event.getClientAddress() });
			return { saved: k };
		});
	},
	publish: async (event) => {
		const admin = requireRole(event, ADMINS);
		const reason = String((await event.request.formData()).get('reason') ?? '').trim();
		if (!reason || reason.length > MAX_REASON) return fail(400, { reasonMissing: true });
		const release = publishNow(getDb(), {
			reason,
			actor: admin.id,
			address: event.getClientAddress()
		});
		return { published: release.id };
	}
};
