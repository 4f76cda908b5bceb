/**
 * `npm run bench:import`: how fast the real import command loads about a million rows, beside
 * SQLite's own command-line `.import` of the same file into a table with the same unique key, in
 * the same run. Prints both times, their ratio and the import's peak memory.
 *
 * The file is generated from the default plan: every reporter × every province it may report
 * (Tboung Khmum has no figures before 2014) × every quarter × every indicator and allowed
 * breakdown, with breakdowns that add up. Targets: ratio ≤ 1.5, peak memory ≤ 300 MB, and a
 * 10,000-row file dry-runs in under a second.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { toCsv } from '../../src/lib/domain/csv';
import { quartersOf } from '../../src/lib/domain/periods';
import { seededRandom } from '../../src/lib/server/demo/generate';
import { readPlanFile, readProvinces } from '../../src/lib/server/plan';

const dir = mkdtempSync(join(tmpdir(), 'plan-monitor-bench-'));
const plan = readPlanFile('data/plans/cambodia-2000-2004.json');
const provinces = readProvinces('data/geo/provinces.csv').filter(
	(p) => !p.validFromYear || p.validFromYear <= plan.firstYear
);
const random = seededRandom(42);

/** Every row of the benchmark file, as CSV lines. */
function* rows(limit = Infinity): Generator<string> {
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

function writeFile(path: string, limit?: number): number {
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

function timed(label: string, f: () => void): number {
	const start = performance.now();
	f();
	const seconds = (performance.now() - start) / 1000;
	console.log(`${label.padEnd(44)} ${seconds.toFixed(2)} s`);
	return seconds;
}

const big = join(dir, 'million.csv');
const count = writeFile(big);
console.log(
	`Generated ${count.toLocaleString('en')} rows, ${(statSync(big).size / 1e6).toFixed(1)} MB: ${big}`
);

// Plan Monitor: the real command, on a fresh database (migrated and given the plan first).
const db = join(dir, 'import.db');
const env = { ...process.env, DATABASE_URL: db, IMPORT_MAX_MB: '500' };
execFileSync(
	process.execPath,
	[
		'node_modules/tsx/dist/cli.mjs',
		'-e',
		"import('./src/lib/server/db/index.ts').then(m => m.openDatabase().$client.close())"
	],
	{ env }
);
const rssFile = join(dir, 'rss');
let output = '';
const ours = timed('npm run import (1M rows, fresh database)', () => {
	const run = spawnSync(
		'/usr/bin/time',
		[
			'-f',
			'%M',
			'-o',
			rssFile,
			process.execPath,
			'node_modules/tsx/dist/cli.mjs',
			'scripts/import.ts',
			big,
			'--json'
		],
		{ env, encoding: 'utf8', maxBuffer: 1 << 30 }
	);
	if (run.status !== 0) throw new Error(`import failed: ${run.stderr}`);
	output = run.stdout;
});
const summary = JSON.parse(output);
const peakMb = Number(readFileSync(rssFile, 'utf8').trim().split('\n').at(-1)) / 1024;

// SQLite's own loader, into a table with the same unique key.
const reference = join(dir, 'reference.db');
const theirs = timed('sqlite3 .import (same file, unique key)', () => {
	execFileSync('sqlite3', [reference], {
		input: `PRAGMA journal_mode = WAL;
CREATE TABLE data_value (reporter TEXT, indicator TEXT, province TEXT, period TEXT, sex TEXT, age_group TEXT, value REAL, note TEXT,
	UNIQUE (indicator, province, period, reporter, sex, age_group));
.mode csv
.import --skip 1 ${big} data_value
`
	});
});

// A quarterly file of 10,000 rows, dry run.
const small = join(dir, 'quarter.csv');
writeFile(small, 10_000);
const dry = timed('npm run import --dry-run (10,000 rows)', () => {
	execFileSync(
		process.execPath,
		['node_modules/tsx/dist/cli.mjs', 'scripts/import.ts', small, '--dry-run', '--json'],
		{ env }
	);
});

console.log('');
console.log(
	`rows imported: ${summary.rows.toLocaleString('en')} read, ${summary.rejected} rejected, ${summary.submissions.length} submissions`
);
console.log(`ratio (import / sqlite3 .import): ${(ours / theirs).toFixed(2)}   target ≤ 1.5`);
console.log(`peak memory of the import: ${peakMb.toFixed(0)} MB   target ≤ 300 MB`);
console.log(`10,000-row dry run: ${dry.toFixed(2)} s (including start-up)   target < 1 s`);
if (process.env.BENCH_KEEP) console.log(`Kept ${dir}`);
else rmSync(dir, { recursive: true, force: true });
