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

/** Where log lines go: `LOG` = `stdout` (default), `stderr` or `off`. */
export function logTarget(): 'stdout' | 'stderr' | 'off' {
	const target = process.env.LOG || 'stdout';
	if (target === 'stdout' || target === 'stderr' || target === 'off') return target;
	throw new Error(`LOG must be stdout, stderr or off, not "${target}"`);
}

/** The folder of scheduled backups: `BACKUP_DIR`; none (no scheduled backups) when unset. */
export function backupDir(): string | null {
	return process.env.BACKUP_DIR || null;
}

/** How many scheduled backups are kept: `BACKUP_KEEP`, default 14. */
export function backupKeep(): number {
	const given = process.env.BACKUP_KEEP;
	if (!given) return 14;
	const keep = Number(given);
	if (!Number.isInteger(keep) || keep < 1)
		throw new Error(`BACKUP_KEEP must be a whole number of at least 1, not "${given}"`);
	return keep;
}

/** When scheduled backups run: `BACKUP_CRON`, a cron expression, default daily at 02:00. */
export function backupCron(): string {
	return process.env.BACKUP_CRON || '0 2 * * *';
}
