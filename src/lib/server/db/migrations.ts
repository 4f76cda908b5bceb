/**
 * Which migrations a database has, against the ones this version of the app ships in `drizzle/`
 * (its journal): for /healthz, and to check a backup before it is kept or restored. Reads only;
 * `openDatabase` is what applies migrations.
 *
 * Drizzle records each applied migration in `__drizzle_migrations` with the `when` of its
 * journal entry as `created_at`, and applies those newer than the latest recorded one.
 */
import type Database from 'better-sqlite3';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { projectRoot } from '../config';

export interface MigrationState {
	/** Migrations recorded in the database. */
	applied: number;
	/** Migrations this version of the app has. */
	expected: number;
	/** The database has exactly the app's latest migration. */
	current: boolean;
	/** The database was migrated by a later version of the app (it has migrations this one lacks). */
	newer: boolean;
}

let journal: number[] | undefined;

/** The `when` of each migration this app ships, oldest first (read once: it cannot change). */
export function shippedMigrations(): number[] {
	journal ??= (
		JSON.parse(readFileSync(resolve(projectRoot(), 'drizzle/meta/_journal.json'), 'utf8')) as {
			entries: { when: number }[];
		}
	).entries.map((e) => e.when);
	return journal;
}

/**
 * The database's migrations against the app's, or null when it has no migrations table (not a
 * Plan Monitor database, or one never opened by the app).
 */
export function migrationState(sqlite: Database.Database): MigrationState | null {
	const table = sqlite
		.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = '__drizzle_migrations'")
		.get();
	if (!table) return null;
	const { applied, latest } = sqlite
		.prepare('SELECT count(*) AS applied, max(created_at) AS latest FROM __drizzle_migrations')
		.get() as { applied: number; latest: number | null };
	const shipped = shippedMigrations();
	const last = shipped[shipped.length - 1] ?? 0;
	return {
		applied,
		expected: shipped.length,
		current: Number(latest) === last,
		newer: Number(latest) > last
	};
}
