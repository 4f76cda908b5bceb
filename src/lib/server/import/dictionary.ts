/**
 * The plan as the importer looks things up: codes and names (English and Khmer) of indicators,
 * provinces and reporters, plus what a reporter taught the importer before (its remembered
 * mappings). Built from the database once per import.
 */
import { eq } from 'drizzle-orm';
import type { Db } from '../db';
import * as t from '../db/schema';
import type { Dictionary, IndicatorInfo } from './validate';
import { normaliseName, type Field } from './vocabulary';

/** Remembered mappings of one reporter, by kind: normalised source text → target. */
export interface Remembered {
	header: Map<string, Field>;
	indicator: Map<string, string>;
	province: Map<string, string>;
}

export function loadRemembered(db: Db, reporter: string | undefined): Remembered {
	const out: Remembered = { header: new Map(), indicator: new Map(), province: new Map() };
	if (!reporter) return out;
	for (const m of db
		.select()
		.from(t.importMapping)
		.where(eq(t.importMapping.reporterCode, reporter))
		.all())
		(out[m.kind] as Map<string, string>).set(m.source, m.target);
	return out;
}

/** The dictionary of the loaded plan, with a reporter's remembered names added. */
export function loadDictionary(db: Db, remembered?: Remembered): Dictionary {
	const plan = db.select().from(t.plan).get();
	if (!plan) throw new Error('No plan is loaded');
	const indicators = new Map<string, IndicatorInfo>();
	const indicatorByName = new Map<string, string>();
	for (const i of db.select().from(t.indicator).all()) {
		indicators.set(i.code, {
			code: i.code,
			unit: i.unit,
			sexes: new Set(i.sexes ? i.sexes.split(',') : []),
			ageGroups: new Set(i.ageGroups ? i.ageGroups.split(',') : []),
			computed: i.computed,
			retiredAt: i.retiredAt
		});
		for (const name of [i.code, i.nameEn, i.nameKm])
			indicatorByName.set(normaliseName(name), i.code);
	}
	const provinceFrom = new Map<string, number | null>();
	const provinceByName = new Map<string, string>();
	const provinceNames = new Map<string, { en: string; km: string }>();
	for (const p of db.select().from(t.province).all()) {
		provinceFrom.set(p.code, p.validFromYear);
		provinceNames.set(p.code, { en: p.nameEn, km: p.nameKm });
		for (const name of [p.code, p.nameEn, p.nameKm])
			provinceByName.set(normaliseName(name), p.code);
		// "KH 12", "12": the number alone names the province too.
		const number = /^KH-(\d+)$/.exec(p.code)?.[1];
		if (number) provinceByName.set(number, p.code);
	}
	for (const alias of [
		'',
		'national',
		'nationwide',
		'cambodia',
		'all provinces',
		'ថ្នាក់ជាតិ',
		'ទូទាំងប្រទេស'
	])
		provinceByName.set(normaliseName(alias), 'national');
	provinceByName.set(normaliseName('Sihanoukville'), 'KH-18');
	const reporterByName = new Map<string, string>();
	for (const r of db.select().from(t.reporter).all())
		for (const name of [r.code, r.nameEn, r.nameKm])
			reporterByName.set(normaliseName(name), r.code);
	for (const [source, target] of remembered?.indicator ?? []) indicatorByName.set(source, target);
	for (const [source, target] of remembered?.province ?? []) provinceByName.set(source, target);
	return {
		firstYear: plan.firstYear,
		lastYear: plan.lastYear,
		indicators,
		indicatorByName,
		provinceFrom,
		provinceByName,
		provinceNames,
		reporterByName
	};
}
