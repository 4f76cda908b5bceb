import { eq } from 'drizzle-orm';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { resolve } from 'node:path';
import { diffPlans } from '../domain/plan-diff';
import { projectRoot } from './config';
import type { Db } from './db';
import * as t from './db/schema';
import { readPlanFile } from './plan';
import { exportPlan } from './plan-export';
import { tempDatabase } from './testing/temp-db';

let db: Db;
let dispose: () => void;
beforeEach(() => ({ db, dispose } = tempDatabase()));
afterEach(() => dispose());

const defaultPlan = () =>
	readPlanFile(resolve(projectRoot(), 'data/plans/cambodia-2000-2004.json'));

describe('the plan as a file', () => {
	it('exports the plan a file loaded as that file, entry for entry', () => {
		expect(diffPlans(defaultPlan(), exportPlan(db))).toEqual([]);
	});

	it('exports what changed in the database', () => {
		db.update(t.indicator).set({ nameEn: 'Renamed' }).where(eq(t.indicator.code, 'PROT-02')).run();
		const changes = diffPlans(defaultPlan(), exportPlan(db));
		expect(changes).toEqual([
			{
				path: 'indicators.PROT-02.name.en',
				before: defaultPlan().indicators.find((i) => i.code === 'PROT-02')?.name.en,
				after: 'Renamed'
			}
		]);
	});
});

describe('the differences between two plans', () => {
	it('names milestones changed, entries added and removed, by code whatever the order', () => {
		const before = defaultPlan();
		const after = structuredClone(before);
		const prot02 = after.indicators.find((i) => i.code === 'PROT-02')!;
		prot02.target.milestones['2003'] = 123;
		after.indicators = after.indicators.filter((i) => i.code !== 'PREV-01').reverse();
		after.reporters.push({
			code: 'NEW',
			kind: 'ngo',
			name: { en: 'New', km: 'ថ្មី' },
			provinces: []
		});
		const changes = diffPlans(before, after);
		expect(changes.map((c) => c.path)).toEqual([
			'indicators.PREV-01',
			'indicators.PROT-02.target.milestones.2003',
			'reporters.NEW'
		]);
		expect(changes[1]).toMatchObject({ after: 123 });
		expect(changes[0].after).toBeUndefined();
		expect(changes[2].before).toBeUndefined();
	});
});
