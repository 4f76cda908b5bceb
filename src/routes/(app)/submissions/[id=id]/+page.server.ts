import { fail, type RequestEvent } from '@sveltejs/kit';
import { pageOffset, parsePageNumber } from '$lib/domain/paging';
import type { WorkflowAction } from '$lib/domain/workflow';
import { getDb } from '$lib/server/db';
import { formTooLong } from '$lib/server/form-limits';
import { REPORTERS, requireRole, SIGNED_IN } from '$lib/server/guard';
import { remapInWorker } from '$lib/server/submissions';
import type { MappingAnswers } from '$lib/server/submissions';
import { MAX_UNKNOWN, SHOWN_CHARS } from '$lib/server/import/report';
import { FIELDS } from '$lib/server/import/vocabulary';
import { listUploadableIndicators } from '$lib/server/plan';
import { awaitsPublication, publicationSchedule } from '$lib/server/release';
import { listProvinces, outsideAssignment } from '$lib/server/reporters';
import { formAnswer, orNotFound } from '$lib/server/route-answers';
import {
	addComment,
	getSubmission,
	otherDrafts,
	replaceOtherDrafts,
	submissionIndicators,
	submitBlock,
	takeAction
} from '$lib/server/submissions';
import type { Actions, PageServerLoad } from './$types';

const PAGE = 200;

export const load: PageServerLoad = (event) => {
	const user = requireRole(event, SIGNED_IN);
	const page = parsePageNumber(event.url.searchParams.get('page'));
	const found = orNotFound(
		getSubmission(getDb(), Number(event.params.id), user, {
			limit: PAGE,
			offset: pageOffset(page, PAGE)
		})
	);
	const own = user.role === 'reporter' && user.reporterCode === found.submission.reporterCode;
	const total = found.counts.new + found.counts.changed + found.counts.unchanged;
	const unknown = found.report?.unknown;
	// The mapping step: for the reporter's own draft, when the importer did not know something.
	const mapping =
		found.submission.status === 'draft' &&
		user.role === 'reporter' &&
		unknown &&
		unknown.headers.length + unknown.indicators.length + unknown.provinces.length > 0
			? {
					unknown,
					fields: FIELDS,
					indicators: listUploadableIndicators(getDb()),
					provinces: listProvinces(getDb())
				}
			: null;
	return {
		...found,
		report: found.report && {
			rows: found.report.rows,
			rejected: found.report.rejected,
			notFilledIn: found.report.notFilledIn,
			errors: found.report.errors.slice(0, 200),
			/** Problems in the rejected rows' download, and found in all. */
			listed: found.report.errors.length,
			errorCount: found.report.errorCount,
			changes: found.report.changes ?? []
		},
		mapping,
		// Reviewers preview what approving would publish, indicator by indicator.
		preview:
			user.role !== 'reporter' && found.submission.status === 'submitted'
				? submissionIndicators(getDb(), found.submission.id)
				: [],
		// Approved since the last release: the public sees it at the next one.
		publication:
			found.submission.status === 'approved' && awaitsPublication(getDb(), found.submission.id)
				? publicationSchedule(getDb()).next
				: null,
		// Figures of indicators the reporter is not assigned: accepted, and named for the review.
		outside: found.submission.nothingToReport
			? []
			: outsideAssignment(
					getDb(),
					found.submission.reporterCode,
					submissionIndicators(getDb(), found.submission.id)
				),
		again: event.url.searchParams.has('again'),
		// A second upload of a quarter: the reporter replaces the earlier drafts or keeps both.
		otherDrafts:
			own && found.submission.status === 'draft' ? otherDrafts(getDb(), found.submission.id) : [],
		// Why the reporter cannot submit it yet (no valid figure, questions to answer).
		blocked:
			own && found.actions.includes('submit')
				? submitBlock(getDb(), found.submission, found.report)
				: null,
		page,
		pages: Math.max(1, Math.ceil(total / PAGE))
	};
};

/** One workflow step: who may take it is decided by `takeAction`, from the session only. */
function step(action: WorkflowAction) {
	return async (event: RequestEvent<{ id: string }>) => {
		const user = requireRole(event, SIGNED_IN);
		const form = await event.request.formData();
		const comment = String(form.get('comment') ?? '');
		const tooLong = formTooLong(form);
		if (tooLong) return fail(400, { action, error: tooLong, comment });
		// A refusal keeps what was typed; another organisation's submission is a 404 page.
		return formAnswer(
			() => {
				const status = takeAction(getDb(), {
					id: Number(event.params.id),
					action,
					user,
					comment,
					address: event.getClientAddress()
				});
				return { done: action, status };
			},
			{ action, comment }
		);
	};
}

export const actions: Actions = {
	submit: step('submit'),
	withdraw: step('withdraw'),
	return: step('return'),
	approve: step('approve'),
	reopen: step('reopen'),
	map: async (event) => {
		const user = requireRole(event, REPORTERS);
		const form = await event.request.formData();
		const tooLong = formTooLong(form);
		if (tooLong) return fail(400, { action: 'map', error: tooLong, comment: '' });
		const answers: MappingAnswers = { headers: {}, indicators: {}, provinces: {} };
		// At most as many answers as a report offers questions, each of a name's size.
		for (const [name, value] of [...form].slice(0, 3 * MAX_UNKNOWN)) {
			if (name.length > SHOWN_CHARS + 20 || String(value).length > 100) continue;
			const [kind, ...rest] = name.split(':');
			if (kind === 'headers' || kind === 'indicators' || kind === 'provinces')
				answers[kind][rest.join(':')] = String(value);
		}
		return formAnswer(
			async () => {
				await remapInWorker({
					id: Number(event.params.id),
					user,
					answers,
					address: event.getClientAddress()
				});
				return { done: 'map' as const };
			},
			{ action: 'map', comment: '' }
		);
	},
	replace: async (event) => {
		const user = requireRole(event, REPORTERS);
		return formAnswer(
			() => ({
				done: 'replace' as const,
				replaced: replaceOtherDrafts(getDb(), {
					id: Number(event.params.id),
					user,
					address: event.getClientAddress()
				})
			}),
			{ action: 'replace', comment: '' }
		);
	},
	comment: async (event) => {
		const user = requireRole(event, SIGNED_IN);
		const form = await event.request.formData();
		const body = String(form.get('comment') ?? '');
		const tooLong = formTooLong(form);
		if (tooLong) return fail(400, { action: 'comment', error: tooLong, comment: body });
		return formAnswer(
			() => {
				addComment(getDb(), {
					id: Number(event.params.id),
					user,
					body,
					address: event.getClientAddress()
				});
				return { done: 'comment' as const };
			},
			{ action: 'comment', comment: body }
		);
	}
};
