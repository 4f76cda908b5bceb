import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Db } from '../db';
import { tempDatabase } from '../testing/temp-db';
import { importFile } from '../submissions';
import { buildTemplate, templateFor } from './template';

let db: Db;
let dispose: () => void;
beforeEach(() => ({ db, dispose } = tempDatabase()));
afterEach(() => dispose());

describe('templates', () => {
	it('lists every indicator, province and allowed breakdown with empty values', () => {
		const text = buildTemplate({
			reporter: 'CWCC',
			period: '2004Q4',
			indicators: [
				{
					code: 'PROT-07',
					name: 'Child victims',
					sexes: ['female', 'male'],
					ageGroups: ['under15', '15to17']
				},
				{ code: 'COOR-02', name: 'Meetings', sexes: [], ageGroups: [] }
			],
			provinces: [{ code: 'KH-12', name: 'Phnom Penh' }],
			lang: 'en'
		});
		expect(
			text.startsWith(
				'\ufeffreporter,indicator,indicator_label,province,province_label,period,sex,age_group,value,note\r\n'
			)
		).toBe(true);
		expect(text.trim().split('\r\n').slice(1)).toEqual([
			'CWCC,PROT-07,Child victims,KH-12,Phnom Penh,2004Q4,total,all,,',
			'CWCC,PROT-07,Child victims,KH-12,Phnom Penh,2004Q4,female,all,,',
			'CWCC,PROT-07,Child victims,KH-12,Phnom Penh,2004Q4,male,all,,',
			'CWCC,PROT-07,Child victims,KH-12,Phnom Penh,2004Q4,total,under15,,',
			'CWCC,PROT-07,Child victims,KH-12,Phnom Penh,2004Q4,total,15to17,,',
			'CWCC,COOR-02,Meetings,KH-12,Phnom Penh,2004Q4,total,all,,'
		]);
	});

	it.each(['en', 'km'] as const)('in %s, once filled in, goes through the importer', (lang) => {
		const text = templateFor(db, { reporter: 'LAC', period: '2003Q1', lang });
		const filled = text
			.split('\r\n')
			.map((line, i) =>
				i === 0 || !line
					? line
					: line.replace(
							/,,$/,
							line.includes(',total,all,') ? ',100,' : line.includes('under18') ? ',10,' : ',3,'
						)
			)
			.join('\r\n');
		const result = importFile(db, {
			file: { name: 'template.csv', content: Buffer.from(filled) },
			reporter: 'LAC',
			mode: 'dry-run',
			actor: 'test',
			maxBytes: 1e7
		});
		if ('refused' in result) throw new Error(result.refused);
		expect(result.rejected).toBe(0);
		// 28 uploadable indicators, 3 provinces, with their breakdowns
		expect(result.rows).toBeGreaterThan(28 * 3);
		expect(result.new).toBe(result.rows);
	});
});

describe('a template partly filled in', () => {
	it('counts the rows left as they came as not filled in, one number, not rejected rows', () => {
		const lines = templateFor(db, { reporter: 'LAC', period: '2003Q1', lang: 'km' })
			.split('\r\n')
			.filter(Boolean);
		const [header, first, ...untouched] = lines;
		const result = importFile(db, {
			file: {
				name: 'template.csv',
				content: Buffer.from([header, first.replace(/,,$/, ',7,'), ...untouched].join('\r\n'))
			},
			reporter: 'LAC',
			mode: 'dry-run',
			actor: 'test',
			maxBytes: 1e7
		});
		if ('refused' in result) throw new Error(result.refused);
		expect(result).toMatchObject({ new: 1, rejected: 0, errors: [] });
		expect(result.notFilledIn).toBe(untouched.length);
	});

	it('carries the names in the template language, which the importer leaves out', () => {
		const [header, row] = templateFor(db, {
			reporter: 'LAC',
			period: '2003Q1',
			lang: 'km'
		}).split('\r\n');
		expect(header).toBe(
			'\ufeffអ្នករាយការណ៍,សូចនាករ,ឈ្មោះសូចនាករ,ខេត្ត,ឈ្មោះខេត្ត,ត្រីមាស,ភេទ,ក្រុមអាយុ,តម្លៃ,កំណត់សម្គាល់'
		);
		// A Khmer name beside each code.
		expect(row.split(',')[2]).toMatch(/[\u1780-\u17ff]/);
		expect(row.split(',')[4]).toMatch(/[\u1780-\u17ff]/);
	});
});
