import { fail } from '@sveltejs/kit';
import { getAuth } from '$lib/server/auth';
import { getDb } from '$lib/server/db';
import { formTooLong } from '$lib/server/form-limits';
import { ADMINS, requireRole } from '$lib/server/guard';
import { listReporters } from '$lib/server/reporters';
import { formAnswer } from '$lib/server/route-answers';
import { createUser, listUsers, resetPassword, setActive } from '$lib/server/users';
import type { Actions, PageServerLoad, RequestEvent } from './$types';

export const load: PageServerLoad = (event) => {
	requireRole(event, ADMINS);
	const db = getDb();
	return {
		users: listUsers(db),
		reporters: listReporters(db).map((r) => ({ code: r.code, nameEn: r.nameEn, nameKm: r.nameKm }))
	};
};

const emailOf = (userId: string) => listUsers(getDb()).find((u) => u.id === userId)?.email ?? '';

/** Deactivates (signing the user out everywhere) or reactivates an account. */
function setActiveAction(active: boolean) {
	return async (event: RequestEvent) => {
		const admin = requireRole(event, ADMINS);
		const form = await event.request.formData();
		const tooLong = formTooLong(form);
		if (tooLong) return fail(400, { error: tooLong });
		const userId = String(form.get('userId') ?? '');
		return formAnswer(() => {
			setActive(getDb(), { userId, active, actor: admin.id, address: event.getClientAddress() });
			return { changed: emailOf(userId) };
		});
	};
}

export const actions: Actions = {
	create: async (event) => {
		const admin = requireRole(event, ADMINS);
		const form = await event.request.formData();
		const values = {
			email: String(form.get('email') ?? '').trim(),
			name: String(form.get('name') ?? '').trim(),
			role: String(form.get('role') ?? ''),
			reporterCode: String(form.get('reporterCode') ?? '') || null
		};
		const password = String(form.get('password') ?? '');
		const tooLong = formTooLong(form);
		if (tooLong) return fail(400, { values, error: tooLong });
		return formAnswer(
			async () => {
				const created = await createUser(getDb(), getAuth(), {
					...values,
					role: values.role as 'reporter',
					password: password || undefined,
					actor: admin.id,
					address: event.getClientAddress()
				});
				// The password is shown once, to the admin who set or generated it.
				return { created: { email: values.email, password: password ? null : created.password } };
			},
			{ values }
		);
	},
	reset: async (event) => {
		const admin = requireRole(event, ADMINS);
		const form = await event.request.formData();
		const tooLong = formTooLong(form);
		if (tooLong) return fail(400, { error: tooLong });
		const userId = String(form.get('userId') ?? '');
		return formAnswer(async () => {
			const password = await resetPassword(getDb(), {
				userId,
				actor: admin.id,
				address: event.getClientAddress()
			});
			return { reset: { email: emailOf(userId), password } };
		});
	},
	deactivate: setActiveAction(false),
	reactivate: setActiveAction(true)
};
