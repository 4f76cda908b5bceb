/** How routes answer: a refusal as a form failure or the not-found page, "find or 404". */
import { isActionFailure, isHttpError } from '@sveltejs/kit';
import { describe, expect, it } from 'vitest';
import { Refused } from './refused';
import { formAnswer, orNotFound } from './route-answers';

/** What `run` throws. */
async function thrown(run: () => unknown): Promise<unknown> {
	try {
		await run();
	} catch (e) {
		return e;
	}
	throw new Error('nothing thrown');
}

describe('formAnswer', () => {
	it('answers what the work returns', async () => {
		expect(await formAnswer(() => ({ saved: 'ECPAT' }))).toEqual({ saved: 'ECPAT' });
	});

	it('turns a refusal into a form failure with its text, beside what the form keeps', async () => {
		const answer = await formAnswer(
			() => {
				throw new Refused(409, 'refused_submission_approved');
			},
			{ action: 'approve', comment: 'fine' }
		);
		expect(isActionFailure(answer)).toBe(true);
		expect(answer).toMatchObject({
			status: 409,
			data: { action: 'approve', comment: 'fine', error: 'This submission is approved.' }
		});
	});

	it('answers a refusal with 404 by the not-found page, and throws anything else on', async () => {
		const notFound = await thrown(() =>
			formAnswer(async () => {
				throw new Refused(404, 'refused_no_submission');
			})
		);
		expect(isHttpError(notFound, 404)).toBe(true);
		const unexpected = new Error('disk full');
		expect(await thrown(() => formAnswer(() => Promise.reject(unexpected)))).toBe(unexpected);
	});
});

describe('orNotFound', () => {
	it('gives what was found, or the not-found page', async () => {
		expect(orNotFound(0)).toBe(0);
		expect(orNotFound({ code: 'PROT' })).toEqual({ code: 'PROT' });
		expect(isHttpError(await thrown(() => orNotFound(null)), 404)).toBe(true);
		expect(isHttpError(await thrown(() => orNotFound(undefined)), 404)).toBe(true);
	});
});
