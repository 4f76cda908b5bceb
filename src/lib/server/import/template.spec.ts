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
				{ code: 'PROT-07', sexes: ['female', 'male'], ageGroups: ['under15', '15to17'] },
				{ code: 'COOR-02', sexes: [], ageGroups: [] }
			],
			provinces: ['KH-12'],
			lang: 'en'
		});
		expect(
			text.startsWith('\ufeffreporter,indicator,province,period,sex,age_group,value,note\r\n')
		).toBe(true);
		expect(text.trim().split('\r\n').slice(1)).toEqual([
			'CWCC,PROT-07,KH-12,2004Q4,total,all,,',
			'CWCC,PROT-07,KH-12,2004Q4,female,all,,',
			'CWCC,PROT-07,KH-12,2004Q4,male,all,,',
			'CWCC,PROT-07,KH-12,2004Q4,total,under15,,',
			'CWCC,PROT-07,KH-12,2004Q4,total,15to17,,',
			'CWCC,COOR-02,KH-12,2004Q4,total,all,,'
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
