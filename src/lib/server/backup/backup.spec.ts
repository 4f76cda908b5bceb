import Database from 'better-sqlite3';
import { spawn, spawnSync } from 'node:child_process';
import {
	existsSync,
	mkdirSync,
	mkdtempSync,
	readdirSync,
	readFileSync,
	rmSync,
	writeFileSync
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openDatabase, type Db } from '../db';
import { ensurePlan } from '../plan';
import { shippedMigrations } from '../db/migrations';
import { importFile } from '../submissions';
import { publish } from '../release';
import {
	BackupError,
	backupDatabase,
	backupFileName,
	backupInto,
	backupsToRemove,
	checkDatabaseFile,
	latestBackup,
	rotateBackups
} from './backup';
import { restoreDatabase, RestoreRefusal } from './restore';

let dir: string;
let db: Db;
let file: string;

/** A database with one approved submission (and so a release). */
function approvedDatabase(path: string, sample = 'licadho-2002q1-canonical.csv'): Db {
	const opened = openDatabase(path);
	ensurePlan(opened);
	const result = importFile(opened, {
		file: {
			name: sample,
			content: readFileSync(`tests/fixtures/samples/${sample}`)
		},
		mode: 'approve',
		actor: 'test',
		maxBytes: 1e7
	});
	if ('refused' in result) throw new Error(result.refused);
	publish(opened, 'test');
	return opened;
}

const values = (sqlite: Database.Database) =>
	sqlite
		.prepare('SELECT indicator_code, province_code, period, value FROM data_value ORDER BY 1, 2, 3')
		.all();

beforeEach(() => {
	dir = mkdtempSync(join(tmpdir(), 'plan-monitor-backup-'));
	file = join(dir, 'live.db');
	db = approvedDatabase(file);
});
afterEach(() => {
	db.$client.close();
	rmSync(dir, { recursive: true, force: true });
});

describe('backupDatabase', () => {
	it('copies a live database into one checked, self-contained file', async () => {
		const target = join(dir, 'copy.db');
		const result = await backupDatabase(db.$client, target, { pagesPerStep: 2 });
		expect(result.file).toBe(target);
		expect(result.check.lastRelease?.id).toBeGreaterThan(0);
		expect(result.check.migrations).toMatchObject({ current: true, newer: false });
		const copy = new Database(target, { readonly: true });
		expect(copy.pragma('journal_mode', { simple: true })).toBe('delete');
		expect(copy.pragma('integrity_check', { simple: true })).toBe('ok');
		expect(values(copy)).toEqual(values(db.$client));
		expect(values(copy).length).toBeGreaterThan(0);
		copy.close();
		// Nothing but the copy: no partial file, no WAL beside it.
		expect(readdirSync(dir).filter((n) => n.startsWith('copy') || n.startsWith('.'))).toEqual([
			'copy.db'
		]);
	});

	it('replaces an earlier backup of the same name only with a checked copy', async () => {
		const target = join(dir, 'copy.db');
		writeFileSync(target, 'the previous backup');
		// Not a Plan Monitor database: its copy fails the check.
		const other = new Database(join(dir, 'other.db'));
		other.exec('CREATE TABLE t (x); INSERT INTO t VALUES (1)');
		await expect(backupDatabase(other, target)).rejects.toThrow(BackupError);
		await expect(backupDatabase(other, target)).rejects.toThrow(/not a Plan Monitor database/);
		other.close();
		expect(readFileSync(target, 'utf8')).toBe('the previous backup');
		expect(readdirSync(dir).filter((n) => n.endsWith('.partial'))).toEqual([]);
		await backupDatabase(db.$client, target);
		expect(checkDatabaseFile(target).ok).toBe(true);
	});

	it('refuses to write over its own database or into a missing folder', async () => {
		await expect(backupDatabase(db.$client, file)).rejects.toThrow(/cannot replace/);
		await expect(backupDatabase(db.$client, join(dir, 'no', 'such.db'))).rejects.toThrow(
			/No folder/
		);
	});
});

describe('checkDatabaseFile', () => {
	it('names what is wrong with a file that is not a sound Plan Monitor database', async () => {
		expect(checkDatabaseFile(join(dir, 'none.db'))).toEqual({ ok: false, reason: 'no such file' });
		writeFileSync(join(dir, 'text.db'), 'reporter,indicator\n');
		expect(checkDatabaseFile(join(dir, 'text.db'))).toEqual({
			ok: false,
			reason: 'not an SQLite database'
		});
		const plain = new Database(join(dir, 'plain.db'));
		plain.exec('CREATE TABLE t (x)');
		plain.close();
		expect(checkDatabaseFile(join(dir, 'plain.db'))).toMatchObject({
			ok: false,
			reason: 'no migrations table: not a Plan Monitor database'
		});

		const newer = join(dir, 'newer.db');
		await backupDatabase(db.$client, newer);
		const later = new Database(newer);
		later
			.prepare('INSERT INTO __drizzle_migrations (hash, created_at) VALUES (?, ?)')
			.run('later', shippedMigrations().at(-1)! + 1000);
		later.close();
		expect(checkDatabaseFile(newer)).toMatchObject({ ok: false, reason: /later version/ });
	});

	it('finds a damaged copy', async () => {
		const damaged = join(dir, 'damaged.db');
		await backupDatabase(db.$client, damaged);
		const bytes = readFileSync(damaged);
		// Overwrite every page after the first two (the header and schema stay readable).
		bytes.fill(0x55, 8192);
		writeFileSync(damaged, bytes);
		const check = checkDatabaseFile(damaged);
		expect(check.ok).toBe(false);
	});
});

describe('rotation', () => {
	it('keeps the newest backups by name and leaves other files alone', () => {
		const names = [
			'plan-monitor-20261201T020000Z.db',
			'plan-monitor-20261203T020000Z.db',
			'notes.txt',
			'plan-monitor-20261202T020000Z.db',
			'plan-monitor-latest.db'
		];
		expect(backupsToRemove(names, 2)).toEqual(['plan-monitor-20261201T020000Z.db']);
		expect(backupsToRemove(names, 5)).toEqual([]);
		expect(backupFileName(new Date('2026-12-02T02:00:00.123Z'))).toBe(
			'plan-monitor-20261202T020000Z.db'
		);
	});

	it('removes old backups and the partial files of backups that were killed', () => {
		const backups = join(dir, 'backups');
		mkdirSync(backups);
		const dead = spawnSync(process.execPath, ['-e', '0']).pid;
		const names = [
			'plan-monitor-20261201T020000Z.db',
			'plan-monitor-20261202T020000Z.db',
			'plan-monitor-20261203T020000Z.db',
			`.plan-monitor-20261203T030000Z.db.${dead}.partial`,
			`.plan-monitor-20261203T040000Z.db.${process.pid}.partial`,
			'keep-me.db'
		];
		for (const n of names) writeFileSync(join(backups, n), '');
		expect(rotateBackups(backups, 2).sort()).toEqual([names[0], names[3]].sort());
		expect(readdirSync(backups).sort()).toEqual(
			[names[4], 'keep-me.db', names[1], names[2]].sort()
		);
		expect(latestBackup(backups)?.file).toBe(names[2]);
	});

	it('backupInto names backups by time and keeps the newest', async () => {
		const backups = join(dir, 'scheduled');
		for (const day of ['01', '02', '03'])
			await backupInto(db.$client, backups, { keep: 2, at: new Date(`2026-12-${day}T02:00:00Z`) });
		expect(readdirSync(backups)).toEqual([
			'plan-monitor-20261202T020000Z.db',
			'plan-monitor-20261203T020000Z.db'
		]);
	});
});

describe('restoreDatabase', () => {
	it('puts a backup in place and keeps the previous database aside', async () => {
		const backup = join(dir, 'backup.db');
		await backupDatabase(db.$client, backup);
		const before = values(db.$client);
		db.$client.close();

		// The database moves on after the backup (another sample approved), then is restored.
		const target = join(dir, 'target.db');
		db = approvedDatabase(target, 'mosalvy-2002q2-dhis2.csv');
		const other = values(db.$client);
		db.$client.close();
		expect(existsSync(`${target}-wal`) || existsSync(target)).toBe(true);

		const result = restoreDatabase({
			backup,
			database: target,
			at: new Date('2026-12-02T05:00:00Z')
		});
		expect(result.aside).toBe(`${target}.before-restore-20261202T050000Z`);
		expect(existsSync(`${target}-wal`)).toBe(false);
		const restored = new Database(target, { readonly: true });
		expect(values(restored)).toEqual(before);
		restored.close();
		const aside = new Database(result.aside!, { readonly: true });
		expect(aside.pragma('integrity_check', { simple: true })).toBe('ok');
		expect(values(aside)).toEqual(other);
		aside.close();
		// The app opens the restored database as it is.
		db = openDatabase(target);
		expect(values(db.$client)).toEqual(before);
	});

	it('refuses while another process has the database open, and changes nothing', async () => {
		const backup = join(dir, 'backup.db');
		await backupDatabase(db.$client, backup);
		const server = spawn(
			process.execPath,
			[
				'-e',
				`const D = require('better-sqlite3'); const d = new D(${JSON.stringify(file)}); d.prepare('SELECT 1').get(); console.log('open'); setInterval(() => {}, 1000);`
			],
			{ stdio: ['ignore', 'pipe', 'inherit'] }
		);
		await new Promise((resolve) => server.stdout.once('data', resolve));
		try {
			db.$client.close();
			expect(() => restoreDatabase({ backup, database: file })).toThrow(RestoreRefusal);
			expect(() => restoreDatabase({ backup, database: file })).toThrow(/stop the server/);
			expect(readdirSync(dir).filter((n) => n.includes('before-restore'))).toEqual([]);
		} finally {
			server.kill('SIGKILL');
		}
		db = openDatabase(file);
	});

	it('refuses a file that is not a sound Plan Monitor database', () => {
		writeFileSync(join(dir, 'bad.db'), 'not a database');
		expect(() => restoreDatabase({ backup: join(dir, 'bad.db'), database: file })).toThrow(
			/cannot be restored: not an SQLite database/
		);
		expect(() => restoreDatabase({ backup: file, database: file })).toThrow(RestoreRefusal);
		expect(readdirSync(dir).filter((n) => n.includes('before-restore'))).toEqual([]);
	});

	it('restores into a place with no database yet', async () => {
		const backup = join(dir, 'backup.db');
		await backupDatabase(db.$client, backup);
		const target = join(dir, 'new', 'plan-monitor.db');
		expect(restoreDatabase({ backup, database: target }).aside).toBeNull();
		expect(checkDatabaseFile(target).ok).toBe(true);
	});
});
