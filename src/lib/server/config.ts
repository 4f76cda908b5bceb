/**
 * Settings read from the environment, in one place. Server modules take them from here, never
 * from `process.env` directly, so that the web app and the command line behave alike.
 */

/** The database file: `DATABASE_URL` (a file path), default `data/plan-monitor.db`. */
export function databaseFile(): string {
	return process.env.DATABASE_URL || 'data/plan-monitor.db';
}

/** The folder that holds `drizzle/` and `data/`: the working directory unless `PROJECT_ROOT` says. */
export function projectRoot(): string {
	return process.env.PROJECT_ROOT || process.cwd();
}

/** The plan file loaded into an empty database: `PLAN_FILE`, relative to the project root. */
export function planFile(): string {
	return process.env.PLAN_FILE || 'data/plans/cambodia-2000-2004.json';
}

/** The largest file the importer reads: `IMPORT_MAX_MB` megabytes, default 50. */
export function importMaxBytes(): number {
	const mb = Number(process.env.IMPORT_MAX_MB);
	return (mb > 0 ? mb : 50) * 1_000_000;
}
