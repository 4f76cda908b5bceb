/**
 * What `/healthz` answers, for a load balancer or a monitor: whether the database answers and
 * has the app's migrations, the latest release of the public tier (id and time), and, when
 * scheduled backups are on, when the newest one was written. No personal data, no figures, no
 * paths. Cheap: three small reads and a folder listing.
 */
import { backupDir } from './config';
import type { Db } from './db';
import { migrationState, type MigrationState } from './db/migrations';
import { latestBackup } from './backup/backup';
import { latestRelease } from './release';

export interface Health {
	/** `ok`: serve traffic; `unavailable`: the database cannot be used (HTTP 503). */
	status: 'ok' | 'unavailable';
	database: 'ok' | 'unreachable';
	migrations: Pick<MigrationState, 'applied' | 'expected' | 'current'> | null;
	release: { id: number; at: string } | null;
	/** Only when BACKUP_DIR is set: the time of the newest scheduled backup, or null. */
	backup?: { last: string | null };
}

/** The health of the app on this database (`open` gives the connection, which may throw). */
export function checkHealth(open: () => Db): Health {
	const health: Health = {
		status: 'unavailable',
		database: 'unreachable',
		migrations: null,
		release: null
	};
	const dir = backupDir();
	if (dir) health.backup = { last: latestBackup(dir)?.at ?? null };
	try {
		const db = open();
		const state = migrationState(db.$client);
		health.database = 'ok';
		if (state)
			health.migrations = {
				applied: state.applied,
				expected: state.expected,
				current: state.current
			};
		const release = latestRelease(db);
		health.release = release ? { id: release.id, at: release.at } : null;
		if (state?.current) health.status = 'ok';
	} catch {
		health.status = 'unavailable';
	}
	return health;
}
