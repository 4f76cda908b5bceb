/**
 * Backups of the database, taken while the server runs.
 *
 * `backupDatabase` copies a live database with SQLite's online backup, a few megabytes per step
 * with the event loop free between steps, so a server taking its own backup keeps answering;
 * the copy is one consistent state of the database (writes made meanwhile through the same
 * connection are carried into it; a write by another process restarts the copy, and after a few
 * restarts the rest is copied in one step). The copy is written under a temporary name in the
 * target's folder, turned into a single self-contained file (no WAL), checked
 * (`checkDatabaseFile`: integrity, a Plan Monitor database of this or an earlier version; the
 * integrity check, which reads the whole file, in a worker thread),
 * flushed to disk and only then renamed to its final name: a backup killed at any moment leaves
 * the previous file of that name as it was, and at most a hidden `.….partial` file, which
 * `rotateBackups` removes once its process is gone.
 *
 * `backupInto` names a backup by its time (`plan-monitor-20261202T020000Z.db`) in a folder and
 * keeps the newest `keep` of them; only files of that pattern are ever removed.
 */
import Database from 'better-sqlite3';
import {
	closeSync,
	existsSync,
	mkdirSync,
	openSync,
	readdirSync,
	readSync,
	renameSync,
	rmSync,
	statSync
} from 'node:fs';
import { open } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { basename, dirname, join, resolve } from 'node:path';
import { Worker } from 'node:worker_threads';
import { migrationState, type MigrationState } from '../db/migrations';

/** What a check of a database file found. */
export type DatabaseCheck =
	| {
			ok: true;
			bytes: number;
			migrations: MigrationState;
			lastRelease: { id: number; at: string } | null;
			submissions: number;
	  }
	| { ok: false; reason: string };

const HEADER = 'SQLite format 3\0';
/** Tables every Plan Monitor database has, whatever its version. */
const TABLES = ['submission', 'data_value', 'indicator', 'reporter', 'user'];

/** The start of every SQLite file, or a reason it is not one. */
function notSqlite(file: string): string | null {
	if (!existsSync(file) || !statSync(file).isFile()) return 'no such file';
	const fd = openSync(file, 'r');
	const head = Buffer.alloc(HEADER.length);
	readSync(fd, head, 0, HEADER.length, 0);
	closeSync(fd);
	return head.toString('latin1') === HEADER ? null : 'not an SQLite database';
}

/**
 * Whether a file is a sound Plan Monitor database that this version of the app can open: an
 * SQLite file, `PRAGMA integrity_check` ok, the app's migrations table and tables, and no
 * migration newer than the app's. Opened read-only; nothing is written. `integrity` is the
 * integrity check's answer when it was already run (off the event loop, `checkDatabaseFileAsync`).
 */
export function checkDatabaseFile(file: string, integrity?: string): DatabaseCheck {
	const wrong = notSqlite(file);
	if (wrong) return { ok: false, reason: wrong };
	const bytes = statSync(file).size;
	let sqlite: Database.Database | undefined;
	try {
		sqlite = new Database(file, { readonly: true, fileMustExist: true });
		integrity ??= String(sqlite.pragma('integrity_check', { simple: true }));
		if (integrity !== 'ok') return { ok: false, reason: `integrity check failed: ${integrity}` };
		const migrations = migrationState(sqlite);
		if (!migrations)
			return { ok: false, reason: 'no migrations table: not a Plan Monitor database' };
		if (migrations.newer)
			return {
				ok: false,
				reason: 'made by a later version of Plan Monitor: upgrade the app first'
			};
		const present = new Set(
			(
				sqlite.prepare("SELECT name FROM sqlite_master WHERE type = 'table'").all() as {
					name: string;
				}[]
			).map((t) => t.name)
		);
		const missing = TABLES.filter((t) => !present.has(t));
		if (missing.length)
			return { ok: false, reason: `not a Plan Monitor database (no ${missing.join(', ')} table)` };
		const lastRelease = present.has('release')
			? ((sqlite.prepare('SELECT id, at FROM release ORDER BY id DESC LIMIT 1').get() as
					{ id: number; at: string } | undefined) ?? null)
			: null;
		const { n } = sqlite.prepare('SELECT count(*) AS n FROM submission').get() as { n: number };
		return { ok: true, bytes, migrations, lastRelease, submissions: n };
	} catch (e) {
		return { ok: false, reason: (e as Error).message };
	} finally {
		sqlite?.close();
	}
}

/** better-sqlite3 as this module resolves it, for the worker below. */
const DRIVER = createRequire(import.meta.url).resolve('better-sqlite3');

/** The integrity check in a worker thread: it reads the whole file (seconds for a large one). */
const INTEGRITY_WORKER = `
const { parentPort, workerData } = require('node:worker_threads');
const Database = require(workerData.driver);
let db;
try {
	db = new Database(workerData.file, { readonly: true, fileMustExist: true });
	parentPort.postMessage(String(db.pragma('integrity_check', { simple: true })));
} catch (e) {
	parentPort.postMessage(e.message);
} finally {
	if (db) db.close();
}`;

function integrityOffThread(file: string): Promise<string> {
	return new Promise((resolve, reject) => {
		const worker = new Worker(INTEGRITY_WORKER, {
			eval: true,
			workerData: { driver: DRIVER, file }
		});
		worker.once('message', (answer: string) => resolve(answer));
		worker.once('error', reject);
		worker.once('exit', (code) => reject(new Error(`The integrity check stopped (${code})`)));
	});
}

/** `checkDatabaseFile` with the integrity check in a worker thread: the event loop stays free. */
export async function checkDatabaseFileAsync(file: string): Promise<DatabaseCheck> {
	const wrong = notSqlite(file);
	if (wrong) return { ok: false, reason: wrong };
	return checkDatabaseFile(file, await integrityOffThread(file));
}

export interface BackupResult {
	file: string;
	bytes: number;
	/** Milliseconds: copying, then checking the copy. */
	copyMs: number;
	checkMs: number;
	check: Extract<DatabaseCheck, { ok: true }>;
}

export interface BackupOptions {
	/** Pages (4 kB each) copied per step; the event loop runs between steps. Default 1024. */
	pagesPerStep?: number;
}

/** Thrown when a backup cannot be made or its copy fails its check; nothing is left behind. */
export class BackupError extends Error {}

/** The temporary name a backup is written under, in the target's folder (hidden). */
function partialName(target: string): string {
	return join(dirname(target), `.${basename(target)}.${process.pid}.partial`);
}

/** Flushes a file (or folder: a rename within it) to disk, off the event loop. */
async function flush(path: string): Promise<void> {
	const handle = await open(path, 'r');
	try {
		await handle.sync();
	} finally {
		await handle.close();
	}
}

/** Copies a live database to `target` (see the header): resolves once it is checked and in place. */
export async function backupDatabase(
	source: Database.Database,
	target: string,
	options: BackupOptions = {}
): Promise<BackupResult> {
	const final = resolve(target);
	if (final === resolve(source.name)) throw new BackupError('A backup cannot replace its database');
	if (!existsSync(dirname(final))) throw new BackupError(`No folder ${dirname(final)}`);
	const partial = partialName(final);
	const step = Math.max(1, Math.floor(options.pagesPerStep ?? 1024));
	const started = performance.now();
	try {
		rmSync(partial, { force: true });
		// What an earlier, killed backup to the same name left.
		const folder = dirname(final);
		for (const stale of stalePartials(readdirSync(folder), basename(final)))
			rmSync(join(folder, stale), { force: true });
		let remaining = Infinity;
		let restarts = 0;
		await source.backup(partial, {
			progress: ({ remainingPages }) => {
				// More left than before: another process wrote, and the copy started again.
				if (remainingPages > remaining) restarts++;
				remaining = remainingPages;
				return restarts >= 3 ? 0x7fffffff : step;
			}
		});
		const copy = new Database(partial);
		try {
			// One self-contained file: no -wal beside it to lose in a copy or a restore.
			copy.pragma('journal_mode = DELETE');
		} finally {
			copy.close();
		}
		const copyMs = performance.now() - started;
		const check = await checkDatabaseFileAsync(partial);
		if (!check.ok) throw new BackupError(`The copy failed its check: ${check.reason}`);
		const checkMs = performance.now() - started - copyMs;
		await flush(partial);
		renameSync(partial, final);
		await flush(dirname(final));
		return {
			file: final,
			bytes: check.bytes,
			copyMs: Math.round(copyMs),
			checkMs: Math.round(checkMs),
			check
		};
	} catch (e) {
		rmSync(partial, { force: true });
		throw e instanceof BackupError ? e : new BackupError((e as Error).message);
	}
}

const NAMED = /^plan-monitor-\d{8}T\d{6}Z\.db$/;
/** `partialName`'s pattern: the final name, then the pid of the process writing it. */
const PARTIAL = /^\.(.+)\.(\d+)\.partial$/;

/** A backup's file name for its time: `plan-monitor-20261202T020000Z.db`, sorting by time. */
export function backupFileName(at: Date): string {
	return `plan-monitor-${at
		.toISOString()
		.replace(/[-:]/g, '')
		.replace(/\.\d{3}/, '')}.db`;
}

/** The backups among the names in a folder, newest first (pure). */
export function backupsNewestFirst(names: readonly string[]): string[] {
	return names
		.filter((n) => NAMED.test(n))
		.sort()
		.reverse();
}

/** Of the names in a folder, the backups to remove to keep the newest `keep` (pure). */
export function backupsToRemove(names: readonly string[], keep: number): string[] {
	return backupsNewestFirst(names).slice(Math.max(0, keep));
}

function processAlive(pid: number): boolean {
	try {
		process.kill(pid, 0);
		return true;
	} catch (e) {
		return (e as NodeJS.ErrnoException).code === 'EPERM';
	}
}

/** Of a folder's names, partial files (of the final name `of`, if given) whose process has gone. */
function stalePartials(names: readonly string[], of?: string): string[] {
	return names.filter((n) => {
		const [, target, pid] = PARTIAL.exec(n) ?? [];
		if (pid === undefined || (of !== undefined && target !== of)) return false;
		return Number(pid) !== process.pid && !processAlive(Number(pid));
	});
}

/**
 * Keeps the newest `keep` backups of a folder and removes the rest, and the partial files of
 * backups whose process has gone (killed mid-way). Returns the names removed.
 */
export function rotateBackups(dir: string, keep: number): string[] {
	const names = readdirSync(dir);
	const removed = [...backupsToRemove(names, keep), ...stalePartials(names)];
	for (const name of removed) rmSync(join(dir, name), { force: true });
	return removed;
}

/** The newest backup of a folder (by name, which is its time), or null. */
export function latestBackup(dir: string): { file: string; at: string } | null {
	if (!existsSync(dir)) return null;
	const [newest] = backupsNewestFirst(readdirSync(dir));
	if (!newest) return null;
	return { file: newest, at: statSync(join(dir, newest)).mtime.toISOString() };
}

/** A backup named by its time in `dir` (made if needed), then the folder rotated to `keep`. */
export async function backupInto(
	source: Database.Database,
	dir: string,
	options: BackupOptions & { keep: number; at?: Date }
): Promise<BackupResult & { removed: string[] }> {
	mkdirSync(dir, { recursive: true });
	const result = await backupDatabase(
		source,
		join(dir, backupFileName(options.at ?? new Date())),
		options
	);
	return { ...result, removed: rotateBackups(dir, options.keep) };
}
