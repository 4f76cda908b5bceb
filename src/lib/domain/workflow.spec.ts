import { describe, expect, it } from 'vitest';
import { availableActions, canSee, canTake, type Actor, type SubmissionStatus } from './workflow';

const licadho: Actor = { role: 'reporter', reporterCode: 'LICADHO' };
const cwcc: Actor = { role: 'reporter', reporterCode: 'CWCC' };
const reviewer: Actor = { role: 'reviewer', reporterCode: null };
const admin: Actor = { role: 'admin', reporterCode: null };
const sub = (status: SubmissionStatus) => ({ reporterCode: 'LICADHO', status });

describe('workflow', () => {
	it('lets only the own reporter submit a draft or a returned submission', () => {
		expect(canTake(licadho, 'submit', sub('draft'))).toBe(true);
		expect(canTake(licadho, 'submit', sub('returned'))).toBe(true);
		expect(canTake(licadho, 'submit', sub('submitted'))).toBe(false);
		expect(canTake(cwcc, 'submit', sub('draft'))).toBe(false);
		expect(canTake(reviewer, 'submit', sub('draft'))).toBe(false);
		expect(canTake(admin, 'submit', sub('draft'))).toBe(false);
	});

	it('allows withdrawing until approved', () => {
		for (const s of ['draft', 'submitted', 'returned'] as const)
			expect(canTake(licadho, 'withdraw', sub(s))).toBe(true);
		expect(canTake(licadho, 'withdraw', sub('approved'))).toBe(false);
		expect(canTake(licadho, 'withdraw', sub('withdrawn'))).toBe(false);
	});

	it('lets reviewers and admins return or approve a submitted submission, never a reporter', () => {
		expect(availableActions(reviewer, sub('submitted'))).toEqual(['return', 'approve']);
		expect(availableActions(admin, sub('submitted'))).toEqual(['return', 'approve']);
		expect(availableActions(licadho, sub('submitted'))).toEqual(['withdraw']);
		expect(canTake(reviewer, 'approve', sub('returned'))).toBe(false);
	});

	it('lets only an admin reopen an approved submission', () => {
		expect(canTake(admin, 'reopen', sub('approved'))).toBe(true);
		expect(canTake(reviewer, 'reopen', sub('approved'))).toBe(false);
		expect(canTake(licadho, 'reopen', sub('approved'))).toBe(false);
	});

	it('shows a submission to its own reporter and to reviewers, but not drafts to reviewers', () => {
		expect(canSee(licadho, sub('draft'))).toBe(true);
		expect(canSee(cwcc, sub('approved'))).toBe(false);
		expect(canSee(reviewer, sub('submitted'))).toBe(true);
		expect(canSee(reviewer, sub('draft'))).toBe(false);
	});
});
