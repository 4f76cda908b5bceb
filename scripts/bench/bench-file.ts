/**
 * The benchmark file: a consistent canonical file of the default plan, every reporter × every
 * province it may report in the plan's years × every quarter × every indicator and allowed
 * breakdown (about a million rows), with breakdowns that add up. Seeded: always the same.
 */
import { writeFileSync } from 'node:fs';
import { toCsv } from '../../src/lib/domain/csv';
import { quartersOf } from '../../src/lib/domain/periods';
import { seededRandom } from '../../src/lib/server/demo/generate';
import { readPlanFile, readProvinces } from '../../src/lib/server/plan';

export const plan = readPlanFile('data/plans/cambodia-2000-2004.json');
const provinces = readProvinces('data/geo/provinces.csv').filter(
	(p) => !p.validFromYear || p.validFromYear <= plan.firstYear
);

/** Every row of the benchmark file, as CSV lines. */
function* rows(limit = Infinity): Generator<string> {
	const random = seededRandom(42);
	let n = 0;
	for (const r of plan.reporters)
		for (const p of provinces)
			for (const q of quartersOf(plan.firstYear, plan.lastYear))
				for (const ind of plan.indicators) {
					if (ind.computed) continue;
					const sexes = ind.breakdowns.sex ?? [];
					const ages = ind.breakdowns.age ?? [];
					const row = (sex: string, age: string, value: number) =>
						toCsv([[r.code, ind.code, p.code, q, sex, age, value, '']]);
					const cell = () => Math.floor(random() * 40);
					const percent = ind.unit === 'percent';
					// parts first, then totals that are their sums (and more)
					const byAge = new Map<string, number>();
					for (const age of ages.filter((a) => a !== 'under18'))
						byAge.set(age, percent ? 0 : cell());
					if (ages.includes('under18'))
						byAge.set('under18', (byAge.get('under15') ?? 0) + (byAge.get('15to17') ?? 0));
					const all = percent
						? Math.round(random() * 100)
						: [...byAge].filter(([a]) => a !== 'under18').reduce((s, [, v]) => s + v, 0) + cell();
					for (const [sex, share] of [
						['total', 1],
						...sexes.map((s, i) => [s, i === 0 ? 0.5 : 0.4] as const)
					] as [string, number][]) {
						if (n++ >= limit) return;
						yield row(sex, 'all', Math.floor(all * share));
						for (const [age, v] of byAge) {
							if (n++ >= limit) return;
							yield row(sex, age, Math.floor(v * share));
						}
					}
				}
}

/** Writes the file (all of it, or its first `limit` rows); returns the number of rows. */
export function writeBenchFile(path: string, limit?: number): number {
	const header = 'reporter,indicator,province,period,sex,age_group,value,note\r\n';
	const chunks: string[] = [header];
	let count = 0;
	for (const line of rows(limit)) {
		chunks.push(line);
		count++;
	}
	writeFileSync(path, chunks.join(''));
	return count;
}
