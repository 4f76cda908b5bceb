import { eq } from 'drizzle-orm';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Db } from './db';
import * as t from './db/schema';
import { templateFor } from './import/template';
import { retireIndicator } from './plan-edit';
import {
	assignedIndicators,
	listReporters,
	outsideAssignment,
	setReporterIndicators
} from './reporters';
import { tempDatabase } from './testing/temp-db';

let db: Db;
let dispose: () => void;
beforeEach(() => ({ db, dispose } = tempDatabase()));
afterEach(() => dispose());

const assign = (indicators: string[], reporter = 'LICADHO') =>
	setReporterIndicators(db, { reporter, indicators, actor: 'admin-1' });
/** The indicator codes a template offers, in order. */
const offered = (reporter = 'LICADHO') => [
	...new Set(
		templateFor(db, { reporter, period: '2003Q3', lang: 'en' })
			.split('\n')
			.slice(1)
			.filter(Boolean)
			.map((line) => line.split(',')[1])
	)
];

describe('the indicators a reporter reports', () => {
	it('are none at first: the template offers every uploadable indicator', () => {
		expect(assignedIndicators(db, 'LICADHO')).toEqual([]);
		expect(offered()).toHaveLength(28);
		expect(offered()).not.toContain('COOR-03');
	});

	it('are saved in plan order and audited, before → after; the template offers exactly them', () => {
		expect(assign(['PROT-07', 'PROT-02', 'PROT-02'])).toEqual(['PROT-02', 'PROT-07']);
		expect(
			listReporters(db)
				.find((r) => r.code === 'LICADHO')
				?.indicators.sort()
		).toEqual(['PROT-02', 'PROT-07']);
		expect(offered()).toEqual(['PROT-02', 'PROT-07']);
		assign(['PROT-03']);
		const entries = db
			.select()
			.from(t.auditLog)
			.where(eq(t.auditLog.action, 'reporter.indicators'))
			.all();
		expect(entries.map((e) => JSON.parse(e.detail ?? '{}'))).toEqual([
			{ before: [], after: ['PROT-02', 'PROT-07'] },
			{ before: ['PROT-02', 'PROT-07'], after: ['PROT-03'] }
		]);
		expect(entries[0]).toMatchObject({ actor: 'admin-1', subject: 'reporter:LICADHO' });
	});

	it('leave a retired indicator out of the template', () => {
		assign(['PROT-02', 'PROT-07']);
		retireIndicator(db, { indicator: 'PROT-07', reason: 'Merged', actor: 'admin-1' });
		expect(offered()).toEqual(['PROT-02']);
	});

	it('refuse an indicator that is unknown, computed or retired, and an unknown reporter', () => {
		retireIndicator(db, { indicator: 'PROT-07', reason: 'Merged', actor: 'admin-1' });
		for (const code of ['NOPE-01', 'COOR-03', 'PROT-07'])
			expect(() => assign(['PROT-02', code])).toThrow(
				expect.objectContaining({
					status: 400,
					key: 'refused_indicator_not_assignable',
					params: { code }
				})
			);
		expect(() => assign(['PROT-02'], 'NOBODY')).toThrow(
			expect.objectContaining({ key: 'refused_no_reporter' })
		);
		expect(assignedIndicators(db, 'LICADHO')).toEqual([]);
	});

	it('name the indicators of a submission outside the assignment (none without one)', () => {
		expect(outsideAssignment(db, 'LICADHO', ['PROT-02', 'PREV-01'])).toEqual([]);
		assign(['PROT-02']);
		expect(outsideAssignment(db, 'LICADHO', ['PROT-02', 'PREV-01'])).toEqual(['PREV-01']);
		expect(outsideAssignment(db, 'LICADHO', [])).toEqual([]);
	});
});
