import { count, eq } from 'drizzle-orm';
import { writeFileSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import * as t from './db/schema';
import { ensurePlan, readPlanFile } from './plan';
import { tempDatabase } from './testing/temp-db';

let dispose = () => {};
afterEach(() => dispose());

describe('the default plan', () => {
	it('is loaded into an empty database on first use', () => {
		const temp = tempDatabase();
		dispose = temp.dispose;
		const { db } = temp;
		expect(db.select({ n: count() }).from(t.area).get()?.n).toBe(5);
		expect(db.select({ n: count() }).from(t.indicator).get()?.n).toBe(29);
		expect(db.select({ n: count() }).from(t.reporter).get()?.n).toBe(16);
		expect(
			db.select({ n: count() }).from(t.province).where(eq(t.province.level, 'province')).get()?.n
		).toBe(24);
		expect(db.select().from(t.province).where(eq(t.province.code, 'KH-12')).get()?.level).toBe(
			'capital'
		);
		// Tboung Khmum was created in 2013: figures are accepted from 2014
		expect(
			db.select().from(t.province).where(eq(t.province.code, 'KH-25')).get()?.validFromYear
		).toBe(2014);
		const prot02 = db.select().from(t.indicator).where(eq(t.indicator.code, 'PROT-02')).get();
		expect(prot02).toMatchObject({
			areaCode: 'PROT',
			unit: 'count',
			accumulation: 'sum',
			direction: 'increase',
			sensitive: true,
			sexes: 'female,male'
		});
		expect(prot02?.nameKm).toMatch(/[\u1780-\u17ff]/);
		expect(
			db.select().from(t.indicator).where(eq(t.indicator.code, 'COOR-03')).get()?.computed
		).toBe(true);
		// every indicator has a national target with four milestones and an end target
		expect(db.select({ n: count() }).from(t.target).get()?.n).toBe(29);
		expect(db.select({ n: count() }).from(t.milestone).get()?.n).toBe(29 * 4);
	});

	it('is not loaded twice', async () => {
		const temp = tempDatabase();
		dispose = temp.dispose;
		temp.db.$client.close();
		const { openDatabase } = await import('./db');
		const again = openDatabase(temp.file);
		ensurePlan(again);
		expect(again.select({ n: count() }).from(t.plan).get()?.n).toBe(1);
		again.$client.close();
	});
});

describe('readPlanFile', () => {
	it('names every wrong entry of a plan file', () => {
		const dir = mkdtempSync(join(tmpdir(), 'plan-file-'));
		const file = join(dir, 'plan.json');
		const plan = readPlanFile('data/plans/cambodia-2000-2004.json');
		plan.indicators[0].area = 'NOPE';
		plan.indicators[1].code = plan.indicators[2].code;
		writeFileSync(file, JSON.stringify(plan));
		expect(() => readPlanFile(file)).toThrowError(
			/indicators\.0\.area: no area NOPE[\s\S]*indicators\.2\.code: listed twice/
		);
		(plan.indicators[3] as { unit: string }).unit = 'dollars';
		writeFileSync(file, JSON.stringify(plan));
		expect(() => readPlanFile(file)).toThrowError(/indicators\.3\.unit: Invalid option/);
	});
});
