/**
 * The backup and restore commands as an operator runs them: their output and exit status, a
 * restore refused while the database is open, and what `kill -9` in the middle of a backup of a
 * large database leaves behind: the database and the previous backup, both sound.
 */
import Database from 'better-sqlite3';
import { spawn, spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import {
	existsSync,
	mkdirSync,
	mkdtempSync,
	readdirSync,
	readFileSync,
	rmSync,
	statSync
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkDatabaseFile } from '../src/lib/server/backup/backup';
import { writeBenchFile } from './bench/bench-file';

let dir: string;
beforeAll(() => {
	dir = mkdtempSync(join(tmpdir(), 'plan-monitor-backup-cli-'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const command = (script: string, args: string[], env: Record<string, string>) =>
	spawnSync(process.execPath, ['scripts/run.mjs', `scripts/${script}.ts`, ...args], {
		env: { ...process.env, ...env },
		encoding: 'utf8'
	});

/** A database with the sample files imported, approved and published, by the commands. */
function sampleDatabase(path: string): void {
	for (const sample of ['licadho-2002q1-canonical.csv', 'mosalvy-2002q2-dhis2.csv'])
		expect(
			command('import', [`tests/fixtures/samples/${sample}`, '--approve'], { DATABASE_URL: path })
				.status
		).toBe(0);
	expect(command('publish', ['--reason', 'samples'], { DATABASE_URL: path }).status).toBe(0);
}

const digest = (path: string) => createHash('sha256').update(readFileSync(path)).digest('hex');
const count = (path: string, table: string) => {
	const sqlite = new Database(path, { readonly: true });
	try {
		return (sqlite.prepare(`SELECT count(*) AS n FROM ${table}`).get() as { n: number }).n;
	} finally {
		sqlite.close();
	}
};

describe('npm run backup and npm run restore', () => {
	it('back up into a file or a folder, and restore it', () => {
		const database = join(dir, 'a.db');
		sampleDatabase(database);
		const backup = join(dir, 'a-backup.db');
		const run = command('backup', [backup], { DATABASE_URL: database });
		expect(run.stderr).toBe('');
		expect(run.status).toBe(0);
		expect(run.stdout).toMatch(
			/^Backed up .* MB in .* s, checked in .* s\n {2}integrity ok, \d+ migrations, 2 submissions, release \d+ of /
		);
		expect(checkDatabaseFile(backup)).toMatchObject({ ok: true, submissions: 2 });

		const folder = join(dir, 'folder');
		mkdirSync(folder);
		expect(command('backup', [folder], { DATABASE_URL: database }).status).toBe(0);
		expect(readdirSync(folder)).toEqual([expect.stringMatching(/^plan-monitor-\d{8}T\d{6}Z\.db$/)]);

		const restored = join(dir, 'restored', 'plan-monitor.db');
		const restore = command('restore', [backup], { DATABASE_URL: restored });
		expect(restore.status).toBe(0);
		expect(restore.stdout).toMatch(/^Restored .*\n {2}integrity ok, .* 2 submissions/);
		expect(count(restored, 'data_value')).toBe(count(database, 'data_value'));
	});

	it('refuse what they cannot do, with the reason, and change nothing', () => {
		const database = join(dir, 'b.db');
		expect(command('backup', [join(dir, 'x.db')], { DATABASE_URL: database }).status).toBe(2);
		expect(existsSync(database)).toBe(false);
		sampleDatabase(database);
		const noTarget = command('backup', [], { DATABASE_URL: database, BACKUP_DIR: '' });
		expect([noTarget.status, noTarget.stderr]).toEqual([2, expect.stringMatching(/^Usage/)]);
		expect(
			command('backup', [join(dir, 'b.db'), '--pages', '0'], { DATABASE_URL: database }).status
		).toBe(2);
		const intoItself = command('backup', [database], { DATABASE_URL: database });
		expect([intoItself.status, intoItself.stderr]).toEqual([
			1,
			expect.stringMatching(/cannot replace/)
		]);

		const bad = command('restore', ['tests/fixtures/samples/problems.csv'], {
			DATABASE_URL: database
		});
		expect(bad.status).toBe(2);
		expect(bad.stderr).toMatch(/not an SQLite database/);
		expect(readdirSync(dir).filter((n) => n.includes('before-restore'))).toEqual([]);
	});

	it('with BACKUP_DIR and no argument, keep the newest BACKUP_KEEP backups', () => {
		const database = join(dir, 'c.db');
		sampleDatabase(database);
		const backups = join(dir, 'scheduled');
		mkdirSync(backups);
		for (const name of ['plan-monitor-20000101T000000Z.db', 'plan-monitor-20000102T000000Z.db'])
			expect(command('backup', [join(backups, name)], { DATABASE_URL: database }).status).toBe(0);
		const run = command('backup', [], {
			DATABASE_URL: database,
			BACKUP_DIR: backups,
			BACKUP_KEEP: '2'
		});
		expect(run.status).toBe(0);
		expect(run.stdout).toMatch(/Removed 1 older backups: plan-monitor-20000101T000000Z\.db/);
		expect(readdirSync(backups)).toHaveLength(2);
	});
});

describe('kill -9 in the middle of a backup', () => {
	it('leaves the database and the previous backup sound, and nothing under the final name', async () => {
		const database = join(dir, 'large.db');
		const csv = join(dir, 'large.csv');
		writeBenchFile(csv, 300_000);
		expect(command('import', [csv], { DATABASE_URL: database }).status).toBe(0);
		const values = count(database, 'submission_value');
		const submissions = count(database, 'submission');
		expect(values).toBeGreaterThan(250_000);
		const total = statSync(database).size;

		// The last good backup.
		const backup = join(dir, 'large-backup.db');
		expect(command('backup', [backup], { DATABASE_URL: database }).status).toBe(0);
		const good = digest(backup);
		// The database moves on: the next backup has something new to write over the last one.
		expect(
			command('import', ['tests/fixtures/samples/mosalvy-2002q2-dhis2.csv'], {
				DATABASE_URL: database
			}).status
		).toBe(0);

		// The next backup to the same name, a few pages at a time, killed once it is under way.
		const child = spawn(
			process.execPath,
			['scripts/run.mjs', 'scripts/backup.ts', backup, '--pages', '16'],
			{ env: { ...process.env, DATABASE_URL: database }, stdio: 'ignore' }
		);
		const exited = new Promise<NodeJS.Signals | null>((resolve) =>
			child.on('exit', (_, signal) => resolve(signal))
		);
		const partial = join(dir, `.large-backup.db.${child.pid}.partial`);
		const size = () => (existsSync(partial) ? statSync(partial).size : 0);
		while (child.exitCode === null && size() < total / 4)
			await new Promise((r) => setTimeout(r, 5));
		child.kill('SIGKILL');
		expect(await exited).toBe('SIGKILL');
		// Killed half-way: the partial copy is shorter than the database.
		expect(size()).toBeGreaterThan(0);
		expect(size()).toBeLessThan(total);

		expect(digest(backup)).toBe(good);
		expect(checkDatabaseFile(backup)).toMatchObject({ ok: true, submissions });
		expect(checkDatabaseFile(database)).toMatchObject({ ok: true, submissions: submissions + 1 });
		expect(count(database, 'submission_value')).toBe(values + 3);
		// The next backup to that name removes what the killed one left.
		expect(existsSync(partial)).toBe(true);
		expect(command('backup', [backup], { DATABASE_URL: database }).status).toBe(0);
		expect(existsSync(partial)).toBe(false);
		expect(checkDatabaseFile(backup)).toMatchObject({ ok: true, submissions: submissions + 1 });
	}, 180_000);
});
