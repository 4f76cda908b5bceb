import { fail, redirect } from '@sveltejs/kit';
import { formatPeriod, parsePeriod, quartersOf } from '$lib/domain/periods';
import { importMaxBytes } from '$lib/server/config';
import { getDb } from '$lib/server/db';
import { REPORTERS, requireRole } from '$lib/server/guard';
import { importInWorker } from '$lib/server/submissions';
import { receiveUpload } from '$lib/server/upload';
import { refusalText } from '$lib/labels';
import { getPlan } from '$lib/server/plan';
import { formAnswer } from '$lib/server/route-answers';
import { reportNothing } from '$lib/server/submissions';
import type { Actions, PageServerLoad } from './$types';
import { m } from '$lib/paraglide/messages';

export const load: PageServerLoad = (event) => {
	const user = requireRole(event, REPORTERS);
	const plan = getPlan(getDb());
	return {
		reporter: user.reporterCode,
		periods: quartersOf(plan.firstYear, plan.lastYear).reverse(),
		maxMegabytes: importMaxBytes() / 1_000_000
	};
};

export const actions: Actions = {
	upload: async (event) => {
		const user = requireRole(event, REPORTERS);
		const maxBytes = importMaxBytes();
		const upload = await receiveUpload(event.request, { field: 'file', maxBytes });
		if ('missing' in upload) return fail(400, { error: 'Choose a CSV file to upload.' });
		if ('refused' in upload) return fail(400, { error: refusalText(upload) });
		let result;
		try {
			result = await importInWorker({
				path: upload.path,
				name: upload.name,
				reporter: user.reporterCode ?? undefined,
				mode: 'draft',
				actor: user.id,
				address: event.getClientAddress(),
				maxBytes
			});
		} finally {
			await upload.dispose();
		}
		if ('refused' in result)
			return fail(400, { error: refusalText(result), fileName: upload.name });
		const [id] = result.submissions;
		redirect(303, `/submissions/${id}${result.alreadyImported ? '?again=1' : ''}`);
	},
	nothing: async (event) => {
		const user = requireRole(event, REPORTERS);
		const period = parsePeriod(String((await event.request.formData()).get('period') ?? ''));
		if (!period) return fail(400, { error: m.refused_choose_quarter() });
		return formAnswer(() => {
			const id = reportNothing(getDb(), {
				user,
				period: formatPeriod(period),
				address: event.getClientAddress()
			});
			redirect(303, `/submissions/${id}`);
		});
	}
};
