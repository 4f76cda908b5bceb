/**
 * `npm run bench:pages`: how fast the public pages answer with about a million approved values.
 *
 * Loads the benchmark file of bench:import (every reporter, province, quarter and breakdown of the
 * default plan) through the real import and approval into a fresh database, starts the built
 * server on it, and measures with autocannon the latency percentiles and throughput of the
 * overview, an indicator page and a CSV download, beside a static file served by the same server
 * in the same run, every request asking for compression as browsers do. Targets: p95 ≤ 50 ms
 * for each page; each within 3× the static file's throughput.
 * Build first (`npm run build`).
 */
import { median } from 'd3-array';
import autocannon from 'autocannon';
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openDatabase } from '../../src/lib/server/db';
import { ensurePlan } from '../../src/lib/server/plan';
import { importFile } from '../../src/lib/server/submissions';
import { publish } from '../../src/lib/server/release';
import { writeBenchFile } from './bench-file';

const dir = mkdtempSync(join(tmpdir(), 'plan-monitor-pages-'));
const file = join(dir, 'million.csv');
const rows = writeBenchFile(file, Number(process.env.BENCH_ROWS) || undefined);
const database = join(dir, 'pages.db');
const db = openDatabase(database);
ensurePlan(db);
const started = performance.now();
const result = importFile(db, {
	file: { name: 'million.csv', content: readFileSync(file) },
	mode: 'approve',
	actor: 'bench',
	maxBytes: 1e9
});
if ('refused' in result) throw new Error(result.refused);
// Approved figures go public at a release (the calendar's, here at once).
publish(db, 'benchmark');
const values = (db.$client.prepare('SELECT count(*) AS n FROM data_value').get() as { n: number })
	.n;
db.$client.close();
console.log(
	`${rows.toLocaleString('en')} rows imported and approved in ${((performance.now() - started) / 1000).toFixed(1)} s: ${values.toLocaleString('en')} approved values`
);

const PORT = 4399;
const server = spawn(process.execPath, ['build/index.js'], {
	env: {
		...process.env,
		DATABASE_URL: database,
		PORT: String(PORT),
		ORIGIN: `http://localhost:${PORT}`
	},
	stdio: ['ignore', 'pipe', 'inherit']
});
await new Promise<void>((resolve) =>
	server.stdout?.on('data', (d) => /Listening/.test(String(d)) && resolve())
);

const TARGETS = [
	{ name: 'static file', path: '/favicon.svg' },
	{ name: 'overview /', path: '/' },
	{ name: 'indicator /indicators/PROT-02', path: '/indicators/PROT-02' },
	{ name: 'download data.csv', path: '/indicators/PROT-02/data.csv' }
];
const seconds = Number(process.env.BENCH_SECONDS) || 5;
// As a browser asks: every browser takes compressed answers (the static file has them made at
// build time; pages are compressed once per release).
const headers = { 'accept-encoding': 'gzip, deflate, br' };
interface Result {
	name: string;
	p50: number;
	p975: number;
	p99: number;
	rps: number;
	timeouts: number;
}
// One request alone each, before any load: what a page costs with no queue in front of it (a
// loaded server keeps answering the requests still queued after autocannon stops).
for (const target of TARGETS) {
	const alone = performance.now();
	await (await fetch(`http://localhost:${PORT}${target.path}`, { headers })).arrayBuffer();
	console.log(
		`${target.name.padEnd(36)} one request alone: ${(performance.now() - alone).toFixed(0)} ms`
	);
}
// This machine's speed varies by a third from one second to the next: the targets take turns,
// round after round (BENCH_ROUNDS, default 3), and each figure is the median of its rounds.
const rounds = Number(process.env.BENCH_ROUNDS) || 3;
const measured = TARGETS.map((): Result[] => []);
for (let round = 0; round < rounds; round++)
	for (const [i, target] of TARGETS.entries()) {
		const r = await autocannon({
			url: `http://localhost:${PORT}${target.path}`,
			connections: 10,
			duration: seconds,
			headers
		});
		measured[i].push({
			name: target.name,
			p50: r.latency.p50,
			p975: r.latency.p97_5,
			p99: r.latency.p99,
			rps: r.requests.average,
			timeouts: r.timeouts
		});
	}
const results: Result[] = measured.map((list) => ({
	name: list[0].name,
	p50: median(list.map((r) => r.p50))!,
	p975: median(list.map((r) => r.p975))!,
	p99: median(list.map((r) => r.p99))!,
	rps: median(list.map((r) => r.rps))!,
	timeouts: list.reduce((a, r) => a + r.timeouts, 0)
}));
server.kill();
rmSync(dir, { recursive: true, force: true });

const staticRps = results[0].rps;
console.log('');
console.log(`medians of ${rounds} rounds of ${seconds} s, 10 connections:`);
console.log(
	'target                               p50 ms  p97.5 ms  p99 ms   req/s   static÷page  timeouts (10 s)'
);
for (const r of results)
	console.log(
		`${r.name.padEnd(36)} ${String(r.p50).padStart(6)} ${String(r.p975).padStart(9)} ${String(r.p99).padStart(7)} ${r.rps.toFixed(0).padStart(7)} ${(staticRps / r.rps).toFixed(1).padStart(12)} ${String(r.timeouts).padStart(16)}`
	);
console.log(
	'targets: p95 ≤ 50 ms for each page (autocannon reports p97.5, stricter); static÷page ≤ 3'
);
