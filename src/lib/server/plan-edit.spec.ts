import { eq } from 'drizzle-orm';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Db } from './db';
import * as t from './db/schema';
import { renderEnglish } from '../domain/english';
import { loadDictionary } from './import/dictionary';
import { templateFor } from './import/template';
import { validateRow } from './import/validate';
import { getPlan, listUploadableIndicators, loadTargets } from './plan';
import type { IndicatorDraft } from '../domain/indicator-draft';
import {
	addIndicator,
	indicatorTargets,
	planOutline,
	retireIndicator,
	reviseIndicatorTexts,
	reviseTarget,
	targetRevisions
} from './plan-edit';
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

const newIndicator = (change: Partial<IndicatorDraft> = {}): IndicatorDraft => ({
	code: 'PROT-90',
	area: 'PROT',
	nameEn: 'Child victims given shelter',
	nameKm: 'កុមាររងគ្រោះដែលទទួលបានទីជំរក',
	definitionEn: 'Children admitted in the quarter.',
	definitionKm: 'កុមារដែលបានទទួលក្នុងត្រីមាស។',
	unit: 'count',
	accumulation: 'sum',
	direction: 'increase',
	sexes: ['female', 'male'],
	ageGroups: [],
	sensitive: true,
	target: { baseline: 0, end: 100, milestones: { 2002: 40 } },
	...change
});
const auditOf = (action: string) =>
	db
		.select()
		.from(t.auditLog)
		.where(eq(t.auditLog.action, action))
		.all()
		.map((e) => ({ ...e, detail: JSON.parse(e.detail ?? '{}') }));

describe('adding an indicator', () => {
	it('adds it last of the plan with its national target, audited', () => {
		expect(addIndicator(db, newIndicator(), { actor: 'admin-1' })).toBe('PROT-90');
		const added = indicatorTargets(db, 'PROT-90');
		expect(added?.indicator).toMatchObject({
			areaCode: 'PROT',
			sexes: 'female,male',
			ageGroups: '',
			sensitive: true,
			computed: false
		});
		expect(added?.target).toMatchObject({ baseline: 0, endTarget: 100, milestones: { 2002: 40 } });
		const outline = planOutline(db).areas.find((a) => a.area.code === 'PROT');
		expect(outline?.indicators.at(-1)?.code).toBe('PROT-90');
		const [entry] = auditOf('plan.indicator.add');
		expect(entry).toMatchObject({ actor: 'admin-1', subject: 'indicator:PROT-90' });
		expect(entry.detail).toMatchObject({ nameKm: 'កុមាររងគ្រោះដែលទទួលបានទីជំរក', unit: 'count' });
	});

	it('refuses a code taken or a draft the plan cannot hold, and writes nothing', () => {
		expect(() => addIndicator(db, newIndicator({ code: 'PROT-02' }), { actor: 'a' })).toThrow(
			expect.objectContaining({ status: 400, key: 'refused_indicator_exists' })
		);
		expect(() => addIndicator(db, newIndicator({ nameKm: '' }), { actor: 'a' })).toThrow(
			expect.objectContaining({ status: 400, key: 'refused_indicator_names' })
		);
		expect(indicatorTargets(db, 'PROT-90')).toBeNull();
		expect(auditOf('plan.indicator.add')).toEqual([]);
	});
});

describe('revising an indicator’s names and definitions', () => {
	const texts = () => {
		const i = indicatorTargets(db, 'PROT-02')?.indicator;
		return {
			nameEn: i?.nameEn ?? '',
			nameKm: i?.nameKm ?? '',
			definitionEn: i?.definitionEn ?? '',
			definitionKm: i?.definitionKm ?? ''
		};
	};

	it('changes what was changed and audits it, old → new, with the reason', () => {
		const before = texts();
		const changed = reviseIndicatorTexts(db, {
			indicator: 'PROT-02',
			texts: { ...before, nameEn: 'Child victims rescued', definitionKm: 'និយមន័យថ្មី' },
			reason: 'Clearer wording',
			actor: 'admin-1'
		});
		expect(changed).toEqual(['nameEn', 'definitionKm']);
		expect(texts()).toEqual({
			...before,
			nameEn: 'Child victims rescued',
			definitionKm: 'និយមន័យថ្មី'
		});
		expect(auditOf('plan.indicator.texts')[0].detail).toEqual({
			nameEn: { before: before.nameEn, after: 'Child victims rescued' },
			definitionKm: { before: before.definitionKm, after: 'និយមន័យថ្មី' },
			reason: 'Clearer wording'
		});
	});

	it('refuses no reason, no change and an unknown indicator', () => {
		const same = texts();
		const revise = (indicator: string, reason: string) =>
			reviseIndicatorTexts(db, { indicator, texts: same, reason, actor: 'a' });
		expect(() => revise('PROT-02', ' ')).toThrow(
			expect.objectContaining({ key: 'refused_reason_required' })
		);
		expect(() => revise('PROT-02', 'why')).toThrow(expect.objectContaining({ status: 409 }));
		expect(() => revise('NOPE-01', 'why')).toThrow(expect.objectContaining({ status: 404 }));
		expect(auditOf('plan.indicator.texts')).toEqual([]);
	});
});

describe('retiring an indicator', () => {
	const retire = (reason = 'Merged into PROT-02 at the mid-term review') =>
		retireIndicator(db, {
			indicator: 'PROT-07',
			reason,
			actor: 'admin-1',
			at: '2003-07-01T00:00:00.000Z'
		});
	const row = {
		reporter: 'LICADHO',
		indicator: 'PROT-07',
		province: '',
		period: '2003Q3',
		sex: 'total',
		age_group: 'all',
		value: '4'
	};

	it('keeps it and its figures, audited; new figures of it are rejected and templates leave it out', () => {
		const template = () => templateFor(db, { reporter: 'LICADHO', period: '2003Q3', lang: 'en' });
		expect(template()).toContain('PROT-07');
		expect('row' in validateRow(row, 2, loadDictionary(db), { columns: {} })).toBe(true);

		expect(retire()).toBe('2003-07-01T00:00:00.000Z');
		expect(indicatorTargets(db, 'PROT-07')?.indicator.retiredAt).toBe('2003-07-01T00:00:00.000Z');
		expect(auditOf('plan.indicator.retire')[0]).toMatchObject({
			actor: 'admin-1',
			subject: 'indicator:PROT-07',
			detail: {
				before: 'in force',
				after: 'retired',
				figuresKept: 0,
				reason: 'Merged into PROT-02 at the mid-term review'
			}
		});
		expect(template()).not.toContain('PROT-07');
		expect(template()).toContain('PROT-02');
		expect(listUploadableIndicators(db).map((i) => i.code)).not.toContain('PROT-07');
		const checked = validateRow(row, 2, loadDictionary(db), { columns: {} });
		expect(checked).toEqual({
			errors: [
				expect.objectContaining({
					row: 2,
					key: 'row_indicator_retired',
					params: { code: 'PROT-07', date: '2003-07-01' }
				})
			]
		});
		expect(renderEnglish('row_indicator_retired', { code: 'PROT-07', date: '2003-07-01' })).toBe(
			'PROT-07 was retired from the plan on 2003-07-01: it takes no new figures'
		);
	});

	it('refuses no reason and an indicator retired already', () => {
		expect(() => retire(' ')).toThrow(
			expect.objectContaining({ status: 400, key: 'refused_reason_required' })
		);
		retire();
		expect(() => retire()).toThrow(
			expect.objectContaining({ status: 409, key: 'refused_indicator_retired' })
		);
		expect(auditOf('plan.indicator.retire')).toHaveLength(1);
	});
});
