/**
 * `npm run bench:import`: how fast the real import command loads about a million rows, beside
 * SQLite's own command-line `.import` of the same file into a table with the same unique key, in
 * the same run. Prints both times, their ratio and the import's peak memory; the two take turns
 * (BENCH_ROUNDS, default 3) and the medians are compared, as this machine's speed varies.
 *
 * The file is generated from the default plan: every reporter × every province it may report
 * (Tboung Khmum has no figures before 2014) × every quarter × every indicator and allowed
 * breakdown, with breakdowns that add up. Targets: ratio ≤ 1.5, peak memory ≤ 300 MB, and a
 * 10,000-row file dry-runs in under a second.
 */
import { median } from 'd3-array';
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openDatabase } from '../../src/lib/server/db';
import { ensurePlan } from '../../src/lib/server/plan';
import { importFile } from '../../src/lib/server/submissions';
import { writeBenchFile } from './bench-file';

const dir = mkdtempSync(join(tmpdir(), 'plan-monitor-bench-'));

/** A database file migrated and given the default plan, as the server's start-up leaves it. */
function openWithPlan(file: string) {
	const db = openDatabase(file);
	ensurePlan(db);
	return db;
}

function timed(label: string, f: () => void): number {
	const start = performance.now();
	f();
	const seconds = (performance.now() - start) / 1000;
	console.log(`${label.padEnd(44)} ${seconds.toFixed(2)} s`);
	return seconds;
}

const big = join(dir, 'million.csv');
const count = writeBenchFile(big);
console.log(
	`Generated ${count.toLocaleString('en')} rows, ${(statSync(big).size / 1e6).toFixed(1)} MB: ${big}`
);

// The machine's speed varies from minute to minute: the two loaders take turns, ROUNDS times,
// each into a fresh database, and the medians are compared.
const ROUNDS = Number(process.env.BENCH_ROUNDS) || 3;
const rssFile = join(dir, 'rss');
let summary = { rows: 0, rejected: 0, submissions: [] as number[] };
let peakMb = 0;
const ours: number[] = [];
const theirs: number[] = [];
for (let round = 1; round <= ROUNDS; round++) {
	// Plan Monitor: the real command, on a fresh database (migrated and given the plan first).
	const db = join(dir, `import-${round}.db`);
	const env = { ...process.env, DATABASE_URL: db, IMPORT_MAX_MB: '500' };
	openWithPlan(db).$client.close();
	ours.push(
		timed(`round ${round}: npm run import (1M rows, fresh database)`, () => {
			const run = spawnSync(
				'/usr/bin/time',
				[
					'-f',
					'%M',
					'-o',
					rssFile,
					process.execPath,
					'scripts/run.mjs',
					'scripts/import.ts'
				].concat([big, '--json']),
				{ env, encoding: 'utf8', maxBuffer: 1 << 30 }
			);
			if (run.status !== 0) throw new Error(`import failed: ${run.stderr}`);
			summary = JSON.parse(run.stdout);
		})
	);
	peakMb = Math.max(peakMb, Number(readFileSync(rssFile, 'utf8').trim().split('\n').at(-1)) / 1024);
	rmSync(db, { force: true });

	// SQLite's own loader, into a table with the same unique key.
	const reference = join(dir, `reference-${round}.db`);
	theirs.push(
		timed(`round ${round}: sqlite3 .import (same file, unique key)`, () => {
			execFileSync('sqlite3', [reference], {
				input: `PRAGMA journal_mode = WAL;
CREATE TABLE data_value (reporter TEXT, indicator TEXT, province TEXT, period TEXT, sex TEXT, age_group TEXT, value REAL, note TEXT,
	UNIQUE (indicator, province, period, reporter, sex, age_group));
.mode csv
.import --skip 1 ${big} data_value
`
			});
		})
	);
	rmSync(reference, { force: true });
}

// A quarterly file of 10,000 rows, dry run.
const small = join(dir, 'quarter.csv');
writeBenchFile(small, 10_000);
const inProcess = (() => {
	const database = openWithPlan(join(dir, 'dry.db'));
	const result = importFile(database, {
		file: { name: 'quarter.csv', content: readFileSync(small) },
		mode: 'dry-run',
		actor: 'bench',
		maxBytes: 1e9
	});
	database.$client.close();
	if ('refused' in result) throw new Error(result.refused);
	return Object.values(result.timings).reduce((a, b) => a + b, 0) / 1000;
})();
const dryEnv = { ...process.env, DATABASE_URL: join(dir, 'dry-cli.db') };
openWithPlan(dryEnv.DATABASE_URL).$client.close();
const dry = timed('npm run import --dry-run (10,000 rows)', () => {
	execFileSync(
		process.execPath,
		['scripts/run.mjs', 'scripts/import.ts', small, '--dry-run', '--json'],
		{ env: dryEnv }
	);
});

console.log('');
console.log(
	`rows imported: ${summary.rows.toLocaleString('en')} read, ${summary.rejected} rejected, ${summary.submissions.length} submissions`
);
console.log(
	`median of ${ROUNDS} rounds: import ${median(ours)!.toFixed(2)} s, sqlite3 .import ${median(theirs)!.toFixed(2)} s`
);
console.log(
	`ratio (import / sqlite3 .import): ${(median(ours)! / median(theirs)!).toFixed(2)}   target ≤ 1.5`
);
console.log(`peak memory of the import: ${peakMb.toFixed(0)} MB   target ≤ 300 MB`);
console.log(
	`10,000-row dry run: ${inProcess.toFixed(2)} s in the pipeline (as on the web), ${dry.toFixed(2)} s for the whole command with its start-up   target < 1 s`
);
if (process.env.BENCH_KEEP) console.log(`Kept ${dir}`);
else rmSync(dir, { recursive: true, force: true });
