/**
 * An outsider's view of an indicator's public download: the linear relations anyone can write
 * down from the published records alone (years make the plan to date, quarters their year,
 * provinces and national programmes the nation, each province's years its total, breakdowns
 * with their "not recorded" part the total), and which withheld cells those relations determine.
 * Cells absent from the download count as known zeros: the strongest outsider.
 */
import { determined, type Relation } from '../../src/lib/domain/privacy';
import type { PublicRecord } from '../../src/lib/server/release';

/** A row of a public download, its table named by any text (as a CSV file gives it). */
export type AuditRecord = Omit<PublicRecord, 'indicator' | 'table'> & { table: string };

export function recoverableCells(records: readonly AuditRecord[]): AuditRecord[] {
	const { cells, relations } = outsiderSystem(records);
	const hidden = new Set(cells.flatMap((c, i) => (c.suppressed ? [i] : [])));
	return determined(relations, hidden).map((i) => cells[i]);
}

/**
 * The cells of a download (with the ones it does not list, as known zeros) and every relation an
 * outsider can write between them.
 */
export function outsiderSystem(records: readonly AuditRecord[]): {
	cells: AuditRecord[];
	relations: Relation[];
} {
	const cells: AuditRecord[] = [...records];
	const index = new Map(cells.map((c, i) => [key(c), i]));
	// A cell the download does not list is a known zero: give it an index of its own.
	const at = (c: Omit<AuditRecord, 'value' | 'suppressed'>) => {
		const found = index.get(key(c));
		if (found !== undefined) return found;
		cells.push({ ...c, value: 0, suppressed: false });
		index.set(key(c), cells.length - 1);
		return cells.length - 1;
	};
	const plan = records.find((r) => r.table === 'plan');
	if (!plan) return { cells, relations: [] };
	const base = { province: 'national', sex: 'total', age_group: 'all' };
	const relations: Relation[] = [];
	const years = [...new Set(records.filter((r) => r.table === 'year').map((r) => r.period))];
	const provinces = [
		...new Set(records.filter((r) => r.table.startsWith('province')).map((r) => r.province))
	];
	const planCell = at({ ...plan });
	relations.push({
		total: planCell,
		parts: years.map((y) => at({ ...base, table: 'year', period: y }))
	});
	for (const y of years) {
		const year = at({ ...base, table: 'year', period: y });
		const quarters = records.filter((r) => r.table === 'quarter' && r.period.startsWith(y));
		relations.push({ total: year, parts: quarters.map((q) => at(q)) });
		relations.push({
			total: year,
			parts: provinces.map((p) => at({ ...base, table: 'province-year', period: y, province: p }))
		});
	}
	relations.push({
		total: planCell,
		parts: provinces.map((p) =>
			at({ ...base, table: 'province', period: plan.period, province: p })
		)
	});
	for (const p of provinces)
		relations.push({
			total: at({ ...base, table: 'province', period: plan.period, province: p }),
			parts: years.map((y) => at({ ...base, table: 'province-year', period: y, province: p }))
		});
	const breakdown = (total: number, keys: [string, string][]) => {
		const parts = keys.map(([sex, age_group]) =>
			at({ table: 'breakdown', period: plan.period, province: 'national', sex, age_group })
		);
		relations.push({ total, parts });
		return parts;
	};
	const listed = (pred: (r: AuditRecord) => boolean) =>
		records.filter((r) => r.table === 'breakdown' && pred(r));
	if (listed((r) => r.sex !== 'total').length)
		breakdown(planCell, [
			['female', 'all'],
			['male', 'all'],
			['not-recorded', 'all']
		]);
	const ages = listed((r) => r.sex === 'total').map((r) => r.age_group);
	if (ages.includes('under18') || ages.includes('adult')) {
		const [under18] = breakdown(planCell, [
			['total', 'under18'],
			['total', 'adult'],
			['total', 'not-recorded']
		]);
		if (ages.some((a) => a === 'under15' || a === '15to17'))
			breakdown(under18, [
				['total', 'under15'],
				['total', '15to17'],
				['total', 'under18-not-recorded']
			]);
	} else if (ages.length)
		breakdown(planCell, [
			['total', 'under15'],
			['total', '15to17'],
			['total', 'not-recorded']
		]);
	return { cells, relations };
}

/** A cell's name in a download: its table, period, province, sex and age group. */
export function key(c: Omit<AuditRecord, 'value' | 'suppressed'>): string {
	return [c.table, c.period, c.province, c.sex, c.age_group].join('|');
}
