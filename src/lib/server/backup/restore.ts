/**
 * Restoring a backup: the backup is checked (`checkDatabaseFile`), the
 * database is refused if anything has it open, the current database is kept aside under
 * `<database>.before-restore-<time>` (with its -wal, -shm or -journal, if any), and a copy of
 * the backup is put in place under a temporary name and renamed, so the database file is always
 * either the old one or the whole backup. A database left without a -wal of another file beside
 * it: a stale WAL applied to the restored file would corrupt it.
 *
 * "In use" is asked of SQLite itself: leaving WAL mode needs every other connection closed, so
 * a running server (or backup, or import: the app always opens its database in WAL mode) makes
 * the switch fail with SQLITE_BUSY. The switch
 * also folds the current WAL into the file that is kept aside, which is then complete on its own.
 */
import Database from 'better-sqlite3';
import {
	closeSync,
	copyFileSync,
	existsSync,
	fsyncSync,
	mkdirSync,
	openSync,
	renameSync,
	rmSync
} from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import { checkDatabaseFile, type DatabaseCheck } from './backup';

/** A restore that was not done, and why; nothing was changed. */
export class RestoreRefusal extends Error {}

export interface RestoreResult {
	database: string;
	/** Where the previous database was kept, or null when there was none. */
	aside: string | null;
	check: Extract<DatabaseCheck, { ok: true }>;
}

const SIDE_FILES = ['-wal', '-shm', '-journal'];

function flush(path: string): void {
	const fd = openSync(path, 'r');
	try {
		fsyncSync(fd);
	} finally {
		closeSync(fd);
	}
}

/** Refuses if another connection (a running server) has the database open. */
function assertNotInUse(database: string): void {
	let sqlite: Database.Database | undefined;
	try {
		sqlite = new Database(database, { fileMustExist: true, timeout: 250 });
		sqlite.pragma('journal_mode = DELETE');
	} catch (e) {
		if ((e as { code?: string }).code === 'SQLITE_BUSY')
			throw new RestoreRefusal(
				`${database} is in use (a running server, backup or import has it open): stop the server, then restore`
			);
		// Unreadable or damaged: there is nothing to lose by keeping it aside as it is.
	} finally {
		sqlite?.close();
	}
}

/** Restores `backup` as `database` (see the header). */
export function restoreDatabase(options: {
	backup: string;
	database: string;
	at?: Date;
}): RestoreResult {
	const backup = resolve(options.backup);
	const database = resolve(options.database);
	if (backup === database) throw new RestoreRefusal('The backup is the database itself');
	const check = checkDatabaseFile(backup);
	if (!check.ok) throw new RestoreRefusal(`${options.backup} cannot be restored: ${check.reason}`);

	let aside: string | null = null;
	if (existsSync(database)) {
		assertNotInUse(database);
		const stamp = (options.at ?? new Date()).toISOString().replace(/[-:]/g, '').replace(/\..*/, '');
		aside = `${database}.before-restore-${stamp}Z`;
		renameSync(database, aside);
		for (const side of SIDE_FILES)
			if (existsSync(database + side)) renameSync(database + side, aside + side);
	} else {
		mkdirSync(dirname(database), { recursive: true });
		for (const side of SIDE_FILES) rmSync(database + side, { force: true });
	}
	const partial = join(dirname(database), `.${basename(database)}.${process.pid}.restoring`);
	try {
		copyFileSync(backup, partial);
		flush(partial);
		renameSync(partial, database);
		flush(dirname(database));
	} catch (e) {
		rmSync(partial, { force: true });
		// Put the previous database back: the restore did not happen.
		if (aside && !existsSync(database)) renameSync(aside, database);
		throw e;
	}
	return { database, aside, check };
}
