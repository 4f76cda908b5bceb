/**
 * The database: one better-sqlite3 connection per process, opened with WAL, foreign keys and a
 * busy timeout, and migrated with the committed Drizzle migrations; nothing more. Loading a plan
 * is a separate step (`ensurePlan` in `plan.ts`) of start-up, of the scripts and of the test
 * helper. `DATABASE_URL` (a file path, default `data/plan-monitor.db`) selects the file.
 *
 * `getDb()` opens lazily so that building the app never touches a database.
 */
import Database from 'better-sqlite3';
import { drizzle, type BetterSQLite3Database } from 'drizzle-orm/better-sqlite3';
import { migrate } from 'drizzle-orm/better-sqlite3/migrator';
import { mkdirSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { databaseFile, projectRoot } from '../config';
import * as schema from './schema';

export type Db = BetterSQLite3Database<typeof schema> & { $client: Database.Database };

/** Opens (creating if needed) a database file and migrates it. */
export function openDatabase(file: string = databaseFile()): Db {
	if (file !== ':memory:') mkdirSync(dirname(resolve(file)), { recursive: true });
	const sqlite = new Database(file);
	sqlite.pragma('journal_mode = WAL');
	sqlite.pragma('foreign_keys = ON');
	sqlite.pragma('busy_timeout = 5000');
	sqlite.pragma('synchronous = NORMAL');
	// 16 MB of page cache (the default is 2 MB): large imports rewrite fewer pages.
	sqlite.pragma('cache_size = -16000');
	const db = drizzle(sqlite, { schema });
	migrate(db, { migrationsFolder: resolve(projectRoot(), 'drizzle') });
	return db;
}

let shared: Db | undefined;

/** The process's connection, opened on first use. */
export function getDb(): Db {
	shared ??= openDatabase();
	return shared;
}

/**
 * Runs `fn` in one SQLite write transaction: committed if it returns, rolled back if it throws.
 * It begins IMMEDIATE, taking the write lock at the start and waiting for it (the busy timeout)
 * while another connection writes, the command line or an import's worker: a transaction that
 * only asked for the lock at its first write would fail at once ("database is locked") if
 * another had written since it began reading. Nested calls become savepoints, so a function that
 * is a transaction on its own can be part of a larger one (better-sqlite3's own transactions;
 * Drizzle's would not nest).
 */
export function inTransaction<T>(db: Db, fn: () => T): T {
	return db.$client.transaction(fn).immediate();
}
