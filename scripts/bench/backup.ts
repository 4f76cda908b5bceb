/**
 * `npm run bench:backup`: what a backup costs on a large database. Loads the benchmark file of
 * bench:import (a million rows by default, BENCH_ROWS to change it) through the real import and
 * approval into a fresh database, then backs it up in this process as the server's scheduled
 * backup does, and prints the size, the time to copy and to check the copy, and the longest
 * time the event loop was held in each (what a request arriving meanwhile would wait), copying
 * a few pages per step (the default) and in one step.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { backupDatabase } from '../../src/lib/server/backup/backup';
import { openDatabase } from '../../src/lib/server/db';
import { ensurePlan } from '../../src/lib/server/plan';
import { importFile } from '../../src/lib/server/submissions';
import { writeBenchFile } from './bench-file';

const dir = mkdtempSync(join(tmpdir(), 'plan-monitor-bench-backup-'));
try {
	const csv = join(dir, 'million.csv');
	const rows = writeBenchFile(csv, Number(process.env.BENCH_ROWS) || undefined);
	const db = openDatabase(join(dir, 'live.db'));
	ensurePlan(db);
	const result = importFile(db, {
		file: { name: 'million.csv', content: readFileSync(csv) },
		mode: 'approve',
		actor: 'bench',
		maxBytes: 1e9
	});
	if ('refused' in result) throw new Error(result.refused);
	console.log(`${rows.toLocaleString('en')} rows imported and approved`);

	for (const [label, pagesPerStep] of [
		['1024 pages per step (default)', 1024],
		['one step', 0x7fffffff]
	] as const) {
		// A timer every millisecond: the longest gap between its ticks is the longest stall.
		const ticks: number[] = [];
		const timer = setInterval(() => ticks.push(performance.now()), 1);
		const started = performance.now();
		const backup = await backupDatabase(db.$client, join(dir, `copy-${pagesPerStep}.db`), {
			pagesPerStep
		});
		clearInterval(timer);
		const copied = started + backup.copyMs;
		const checked = copied + backup.checkMs;
		const stall = (from: number, to: number) => {
			let longest = 0;
			let last = from;
			for (const t of ticks.filter((t) => t > from && t <= to)) {
				longest = Math.max(longest, t - last);
				last = t;
			}
			return Math.max(longest, to - last).toFixed(0);
		};
		console.log(
			`${label.padEnd(30)} ${(backup.bytes / 1e6).toFixed(0)} MB: copied in ${backup.copyMs} ms (longest stall ${stall(started, copied)} ms), checked in ${backup.checkMs} ms (longest stall ${stall(copied, checked)} ms)`
		);
	}
	db.$client.close();
} finally {
	rmSync(dir, { recursive: true, force: true });
}
