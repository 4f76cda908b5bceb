/**
 * Templates: the CSV a reporter downloads for a quarter and fills in. One row per indicator it
 * reports, province it works in and allowed breakdown (the total, each sex, each age group),
 * with the value empty; headers in English or Khmer (the reader's language by default), both
 * of which the importer reads, and beside the codes the indicator's and the province's names in
 * that language, to read (the importer leaves them out). A row left as it came is "not filled
 * in", not a rejected row. Written with a byte-order mark so that Excel shows Khmer correctly.
 */
import { and, asc, eq, inArray, isNull } from 'drizzle-orm';
import { toCsv } from '../../domain/csv';
import type { Db } from '../db';
import { FIELDS, NAME_COLUMNS } from './vocabulary';
import * as t from '../db/schema';

const FIELD_HEADERS = {
	en: FIELDS,
	km: ['អ្នករាយការណ៍', 'សូចនាករ', 'ខេត្ត', 'ត្រីមាស', 'ភេទ', 'ក្រុមអាយុ', 'តម្លៃ', 'កំណត់សម្គាល់']
} as const;

/** The template's header row: each code followed by its name column. */
export const TEMPLATE_HEADERS = {
	en: templateHeaders('en'),
	km: templateHeaders('km')
};

function templateHeaders(lang: 'en' | 'km'): string[] {
	const [reporter, indicator, province, ...rest] = FIELD_HEADERS[lang];
	const [indicatorName, provinceName] = NAME_COLUMNS[lang];
	return [reporter, indicator, indicatorName, province, provinceName, ...rest];
}

export interface TemplateIndicator {
	code: string;
	/** Its name in the template's language. */
	name: string;
	sexes: string[];
	ageGroups: string[];
}

/** The template's text (pure). */
export function buildTemplate(options: {
	reporter: string;
	period: string;
	indicators: TemplateIndicator[];
	/** Codes and names in the template's language. */
	provinces: { code: string; name: string }[];
	lang: 'en' | 'km';
}): string {
	const rows: string[][] = [[...TEMPLATE_HEADERS[options.lang]]];
	for (const ind of options.indicators)
		for (const province of options.provinces) {
			const breakdowns: [string, string][] = [
				['total', 'all'],
				...ind.sexes.map((s): [string, string] => [s, 'all']),
				...ind.ageGroups.map((a): [string, string] => ['total', a])
			];
			for (const [sex, age] of breakdowns)
				rows.push([
					options.reporter,
					ind.code,
					ind.name,
					province.code,
					province.name,
					options.period,
					sex,
					age,
					'',
					''
				]);
		}
	return '\ufeff' + toCsv(rows);
}

/**
 * The template of a reporter for a quarter: the indicators it is assigned, or when it has none
 * the indicators it has reported before (all the plan's uploadable indicators if none yet), in
 * the provinces it works in (national if none). Retired indicators take no new figures, so no
 * template offers them.
 */
export function templateFor(
	db: Db,
	options: { reporter: string; period: string; lang: 'en' | 'km' }
): string {
	const assigned = db
		.select({ code: t.reporterIndicator.indicatorCode })
		.from(t.reporterIndicator)
		.where(eq(t.reporterIndicator.reporterCode, options.reporter))
		.all()
		.map((r) => r.code);
	const reported = assigned.length
		? assigned
		: db
				.selectDistinct({ code: t.dataValue.indicatorCode })
				.from(t.dataValue)
				.where(eq(t.dataValue.reporterCode, options.reporter))
				.all()
				.map((r) => r.code);
	const indicators = db
		.select()
		.from(t.indicator)
		.where(
			and(
				eq(t.indicator.computed, false),
				isNull(t.indicator.retiredAt),
				reported.length ? inArray(t.indicator.code, reported) : undefined
			)
		)
		.orderBy(asc(t.indicator.position))
		.all()
		.map((i) => ({
			code: i.code,
			name: options.lang === 'km' ? i.nameKm : i.nameEn,
			sexes: i.sexes ? i.sexes.split(',') : [],
			ageGroups: i.ageGroups ? i.ageGroups.split(',') : []
		}));
	const named = (p: { code: string; nameEn: string; nameKm: string }) => ({
		code: p.code,
		name: options.lang === 'km' ? p.nameKm : p.nameEn
	});
	const provinces = db
		.select({ code: t.province.code, nameEn: t.province.nameEn, nameKm: t.province.nameKm })
		.from(t.reporterProvince)
		.innerJoin(t.province, eq(t.province.code, t.reporterProvince.provinceCode))
		.where(eq(t.reporterProvince.reporterCode, options.reporter))
		.orderBy(asc(t.province.position))
		.all()
		.map(named);
	const national = () =>
		db
			.select({ code: t.province.code, nameEn: t.province.nameEn, nameKm: t.province.nameKm })
			.from(t.province)
			.where(eq(t.province.code, 'national'))
			.all()
			.map(named);
	return buildTemplate({
		...options,
		indicators,
		provinces: provinces.length ? provinces : national()
	});
}
