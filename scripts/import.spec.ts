/**
 * The import command as an administrator runs it: its JSON, its exit status, and what a crash
 * in the middle of a large import leaves behind (nothing, or everything).
 */
import Database from 'better-sqlite3';
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { writeBenchFile } from './bench/bench-file';

let dir: string;
beforeAll(() => {
	dir = mkdtempSync(join(tmpdir(), 'plan-monitor-cli-'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const COMMAND = ['scripts/run.mjs', 'scripts/import.ts'];
const importCommand = (args: string[], database: string) =>
	spawnSync(process.execPath, [...COMMAND, ...args], {
		env: { ...process.env, DATABASE_URL: database },
		encoding: 'utf8'
	});

describe('npm run import', () => {
	it('prints one JSON object and exits 0 for a file with rejected rows', () => {
		const run = importCommand(
			['tests/fixtures/samples/problems.csv', '--dry-run', '--json'],
			join(dir, 'a.db')
		);
		expect(run.status).toBe(0);
		const out = JSON.parse(run.stdout);
		expect(Object.keys(out)).toEqual([
			'file',
			'format',
			'rows',
			'new',
			'changed',
			'unchanged',
			'rejected',
			'notFilledIn',
			'errors',
			'submissions',
			'otherDrafts',
			'replacedDrafts'
		]);
		expect(out).toMatchObject({
			file: 'problems.csv',
			format: 'canonical',
			rows: 8,
			rejected: 7,
			submissions: []
		});
		expect(out.errors[0]).toEqual({
			row: 2,
			column: 'value',
			value: 'forty',
			message: 'not a number: write the figure in digits, such as 40'
		});
	});

	it('submits, approves on request, and answers the same for the same file', () => {
		const db = join(dir, 'b.db');
		const first = JSON.parse(
			importCommand(['tests/fixtures/samples/mosalvy-2002q2-dhis2.csv', '--approve', '--json'], db)
				.stdout
		);
		expect(first).toMatchObject({ format: 'dhis2', new: 3, submissions: [1] });
		const again = importCommand(['tests/fixtures/samples/mosalvy-2002q2-dhis2.csv', '--json'], db);
		expect(again.status).toBe(0);
		expect(JSON.parse(again.stdout)).toMatchObject({ new: 0, unchanged: 3, submissions: [1] });
		const sqlite = new Database(db, { readonly: true });
		expect(sqlite.prepare('SELECT count(*) AS n FROM data_value').get()).toEqual({ n: 3 });
		sqlite.close();
	});

	it('exits 2 with the reason on stderr for a refused file', () => {
		const file = join(dir, 'cases.csv');
		writeFileSync(file, 'Name,Date of birth,Province\nSok,2003-01-01,KH-12\n');
		const run = importCommand([file, '--json'], join(dir, 'c.db'));
		expect(run.status).toBe(2);
		expect(run.stdout).toBe('');
		expect(run.stderr).toMatch(/looks like case records/);
	});

	it('exits 2 for an unknown reporter and a missing file', () => {
		expect(
			importCommand(
				['tests/fixtures/samples/problems.csv', '--reporter', 'NOPE'],
				join(dir, 'd.db')
			).status
		).toBe(2);
		expect(importCommand([join(dir, 'no-such.csv')], join(dir, 'd.db')).status).toBe(2);
	});
});

describe('what the command refuses, and how', () => {
	it('refuses what never ends (/dev/zero) with the size message once past the limit, in bounded memory', () => {
		const run = spawnSync(
			'/usr/bin/time',
			['-f', '%M', process.execPath, ...COMMAND, '/dev/zero', '--dry-run'],
			{
				env: { ...process.env, DATABASE_URL: join(dir, 'zero.db'), IMPORT_MAX_MB: '20' },
				encoding: 'utf8',
				timeout: 60_000
			}
		);
		expect(run.status).toBe(2);
		expect(run.stderr).toContain(
			'/dev/zero: This file is larger than the limit of 20 MB. Split it into smaller files'
		);
		// Peak resident memory in kilobytes (GNU time's last line): the limit and the runtime, no more.
		const peakKb = Number(run.stderr.trim().split('\n').at(-1));
		expect(peakKb).toBeLessThan(200_000);
	});

	it('answers an unknown option with the usage and exit status 2, not a stack trace', () => {
		const run = importCommand(
			['tests/fixtures/samples/problems.csv', '--dryrun'],
			join(dir, 'flags.db')
		);
		expect(run.status).toBe(2);
		expect(run.stderr).toMatch(/Unknown option '--dryrun'/);
		expect(run.stderr).toContain('Usage: npm run import -- <file>');
		expect(run.stderr).not.toMatch(/\n\s+at /);
	});

	it('waits for another writer instead of failing with "database is locked"', async () => {
		const database = join(dir, 'busy.db');
		expect(
			importCommand(['tests/fixtures/samples/problems.csv', '--dry-run'], database).status
		).toBe(0);
		// Another connection (the web) writes, and holds its transaction while the import starts.
		const web = new Database(database);
		web.pragma('busy_timeout = 5000');
		web.prepare('BEGIN IMMEDIATE').run();
		web.prepare(`INSERT INTO setting (key, value) VALUES ('busy-test', '1')`).run();
		const child = spawn(
			process.execPath,
			[...COMMAND, 'tests/fixtures/samples/licadho-2002q1-canonical.csv', '--json'],
			{ env: { ...process.env, DATABASE_URL: database } }
		);
		let stdout = '';
		let stderr = '';
		child.stdout.on('data', (c) => (stdout += c));
		child.stderr.on('data', (c) => (stderr += c));
		const exited = new Promise<number | null>((resolve) =>
			child.on('exit', (code) => resolve(code))
		);
		// Long enough for the import to have read its file and reached its first write.
		await new Promise((r) => setTimeout(r, 2000));
		web.prepare('COMMIT').run();
		web.close();
		expect(await exited, stderr).toBe(0);
		expect(JSON.parse(stdout)).toMatchObject({ new: 7, submissions: [1] });
	}, 60_000);
});

describe('a crash in the middle of a large import', () => {
	it('leaves the database intact, with all of the submission or none of it', async () => {
		const file = join(dir, 'large.csv');
		// Large enough that its staged rows outgrow the page cache and reach the WAL mid-transaction.
		const rows = writeBenchFile(file, 400_000);
		const database = join(dir, 'crash.db');
		// Migrate and load the plan first, so that the import itself is what gets killed.
		expect(
			importCommand(['tests/fixtures/samples/problems.csv', '--dry-run'], database).status
		).toBe(0);
		const wal = `${database}-wal`;
		const walBefore = existsSync(wal) ? statSync(wal).size : 0;
		const child = spawn(process.execPath, [...COMMAND, file, '--json'], {
			env: { ...process.env, DATABASE_URL: database },
			stdio: 'ignore'
		});
		const exited = new Promise<NodeJS.Signals | null>((resolve) =>
			child.on('exit', (_, signal) => resolve(signal))
		);
		// Kill it once its transaction has written a few megabytes: well inside the import.
		while (
			child.exitCode === null &&
			(existsSync(wal) ? statSync(wal).size : 0) < walBefore + 4_000_000
		)
			await new Promise((r) => setTimeout(r, 5));
		child.kill('SIGKILL');
		const signal = await exited;

		const sqlite = new Database(database);
		expect(sqlite.pragma('integrity_check', { simple: true })).toBe('ok');
		expect(sqlite.pragma('foreign_key_check')).toEqual([]);
		const submissions = (
			sqlite.prepare('SELECT count(*) AS n FROM submission').get() as { n: number }
		).n;
		const values = (
			sqlite.prepare('SELECT count(*) AS n FROM submission_value').get() as { n: number }
		).n;
		sqlite.close();
		// Killed inside its transaction, the import left nothing: not a submission, not a row.
		expect(signal).toBe('SIGKILL');
		expect(rows).toBe(400_000);
		expect([submissions, values]).toEqual([0, 0]);
	}, 120_000);
});
