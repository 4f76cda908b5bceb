/**
 * `npm run bench:release`: what a release of the public tier costs, and what it withholds.
 *
 * On the demonstration data: the time of a release and, per sensitive indicator, the cells it
 * withheld (small counts, small changes since last published, and cells withheld to protect
 * those) with the narrowest range an intruder solving linear programmes is left for any of them.
 * Then on the benchmark file of bench:import (about a million approved values, BENCH_ROWS to
 * change it): the time of a release, and of a reviewer's preview of one indicator page. Figures
 * only; nothing is asserted.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openDatabase } from '../../src/lib/server/db';
import { ensurePlan } from '../../src/lib/server/plan';
import { loadDemo } from '../../src/lib/server/demo/load';
import { importFile } from '../../src/lib/server/submissions';
import { liveTier, publish } from '../../src/lib/server/release';
import { writeBenchFile } from './bench-file';

const dir = mkdtempSync(join(tmpdir(), 'plan-monitor-release-'));
const seconds = (since: number) => ((performance.now() - since) / 1000).toFixed(2);

try {
	const demo = openDatabase(join(dir, 'demo.db'));
	let started = performance.now();
	loadDemo(demo);
	console.log(`demonstration data loaded (with its release) in ${seconds(started)} s`);
	started = performance.now();
	const release = publish(demo, 'benchmark');
	console.log(`a release of the demonstration data: ${seconds(started)} s`);
	const rows = demo.$client
		.prepare(
			`SELECT indicator_code AS code, reason, count(*) AS n FROM release_withheld
			 WHERE release_id = ? GROUP BY indicator_code, reason ORDER BY indicator_code`
		)
		.all(release.id) as { code: string; reason: string; n: number }[];
	const codes = [...new Set(rows.map((r) => r.code))];
	console.log('\nindicator   small counts   small changes   to protect them');
	for (const code of codes) {
		const n = (reason: string) => rows.find((r) => r.code === code && r.reason === reason)?.n ?? 0;
		console.log(
			`${code.padEnd(10)}  ${String(n('primary')).padStart(12)}   ${String(n('change')).padStart(13)}   ${String(n('complementary')).padStart(15)}`
		);
	}
	console.log(
		`\n${release.withheld} cells withheld; narrowest range left to an intruder: ${release.narrowest} (k = ${release.k})`
	);
	demo.$client.close();

	const file = join(dir, 'million.csv');
	const count = writeBenchFile(file, Number(process.env.BENCH_ROWS) || undefined);
	const big = openDatabase(join(dir, 'million.db'));
	ensurePlan(big);
	const result = importFile(big, {
		file: { name: 'million.csv', content: readFileSync(file) },
		mode: 'approve',
		actor: 'bench',
		maxBytes: 1e9
	});
	if ('refused' in result) throw new Error(result.refused);
	started = performance.now();
	publish(big, 'benchmark');
	console.log(`\na release of ${count.toLocaleString('en')} approved rows: ${seconds(started)} s`);
	// A reviewer's preview of one indicator page (?preview=, ?submitted): that page alone, then
	// (as before it was computed for what is asked) every page.
	for (const suppress of [true, false]) {
		const view = suppress ? '?preview' : '?submitted';
		started = performance.now();
		liveTier(big, { suppress, include: [] }).page('PROT-02');
		const alone = seconds(started);
		started = performance.now();
		liveTier(big, { suppress, include: [] }).pages();
		console.log(`${view} of PROT-02: ${alone} s alone, ${seconds(started)} s with every page`);
	}
	big.$client.close();
} finally {
	rmSync(dir, { recursive: true, force: true });
}
