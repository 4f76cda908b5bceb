import { eq } from 'drizzle-orm';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Db } from './db';
import * as t from './db/schema';
import { getPlan, loadTargets } from './plan';
import { indicatorTargets, reviseTarget, targetRevisions } from './plan-edit';
import { Refused } from './refused';
import { tempDatabase } from './testing/temp-db';

let db: Db;
let dispose: () => void;
beforeEach(() => ({ db, dispose } = tempDatabase()));
afterEach(() => dispose());

const milestone2003 = () => loadTargets(db, getPlan(db)).get('PROT-02')?.milestones[2003];
const revise = (change: Partial<Parameters<typeof reviseTarget>[1]['change']>) =>
	reviseTarget(db, {
		indicator: 'PROT-02',
		change: { field: 'milestone', year: 2003, value: 77, reason: 'Mid-term review', ...change },
		actor: 'admin-1',
		at: '2003-07-01T00:00:00.000Z'
	});

describe('revising a target', () => {
	it('sets the value in force, keeps the old one in the history, and audits who and why', () => {
		const before = milestone2003();
		expect(revise({})).toEqual({ before, after: 77 });
		expect(milestone2003()).toBe(77);
		expect(targetRevisions(db, 'PROT-02')).toEqual([
			{
				field: 'milestone',
				year: 2003,
				before,
				after: 77,
				reason: 'Mid-term review',
				at: '2003-07-01T00:00:00.000Z'
			}
		]);
		const entry = db
			.select()
			.from(t.auditLog)
			.where(eq(t.auditLog.action, 'plan.target.revise'))
			.get();
		expect(entry).toMatchObject({ actor: 'admin-1', subject: 'indicator:PROT-02' });
		expect(JSON.parse(entry?.detail ?? '{}')).toEqual({
			field: 'milestone',
			year: 2003,
			before,
			after: 77,
			reason: 'Mid-term review'
		});
	});

	it('revises the baseline and the end target, the latest revision first', () => {
		revise({ field: 'baseline', year: null, value: 5 });
		revise({ field: 'end', year: null, value: 300 });
		const target = indicatorTargets(db, 'PROT-02')?.target;
		expect(target).toMatchObject({ baseline: 5, endTarget: 300 });
		expect(targetRevisions(db, 'PROT-02').map((r) => r.field)).toEqual(['end', 'baseline']);
	});

	it.each([
		['a year outside the plan', { year: 2009 }, 400, 'refused_target_year'],
		['a negative value', { value: -2 }, 400, 'refused_target_value'],
		['no reason', { reason: ' ' }, 400, 'refused_reason_required']
	] as const)('refuses %s, and changes nothing', (_, change, status, key) => {
		const before = milestone2003();
		expect(() => revise(change)).toThrow(expect.objectContaining({ status, key }));
		expect(milestone2003()).toBe(before);
		expect(targetRevisions(db, 'PROT-02')).toEqual([]);
	});

	it('refuses the value in force, and an indicator that does not exist', () => {
		revise({});
		expect(() => revise({})).toThrow(Refused);
		expect(() => revise({})).toThrow(expect.objectContaining({ status: 409 }));
		expect(() =>
			reviseTarget(db, {
				indicator: 'NOPE-1',
				change: { field: 'end', year: null, value: 1, reason: 'x' },
				actor: 'admin-1'
			})
		).toThrow(expect.objectContaining({ status: 404 }));
		expect(targetRevisions(db, 'PROT-02')).toHaveLength(1);
	});
});
