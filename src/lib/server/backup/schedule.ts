/**
 * Scheduled backups inside the server process: off unless `BACKUP_DIR` is set; then at every
 * `BACKUP_CRON` time (default daily at 02:00, the server's time zone) a backup of the server's
 * own connection into BACKUP_DIR, checked, the newest `BACKUP_KEEP` (default 14) kept. Each run
 * writes one log line (`type: "backup"`), failed or not. Runs never overlap; a failure is logged
 * and the next run happens as planned.
 */
import { Cron } from 'croner';
import { backupCron, backupDir, backupKeep } from '../config';
import type { Db } from '../db';
import { writeLog } from '../log';
import { backupInto } from './backup';

/** One scheduled run: a backup into `dir`, rotated, and its log line. Never throws. */
export async function runScheduledBackup(db: Db, dir: string, keep: number): Promise<boolean> {
	try {
		const result = await backupInto(db.$client, dir, { keep });
		writeLog('backup', {
			ok: true,
			file: result.file,
			bytes: result.bytes,
			copyMs: result.copyMs,
			checkMs: result.checkMs,
			release: result.check.lastRelease?.id ?? null,
			removed: result.removed.length
		});
		return true;
	} catch (e) {
		writeLog('backup', { ok: false, dir, error: (e as Error).message });
		return false;
	}
}

/**
 * Starts the schedule the environment asks for, or nothing without BACKUP_DIR. Throws on a
 * setting that is not valid (the server should not start believing it backs up).
 */
export function startScheduledBackups(db: () => Db): Cron | null {
	const dir = backupDir();
	if (!dir) return null;
	const keep = backupKeep();
	const pattern = backupCron();
	let job: Cron;
	try {
		// unref: the schedule never keeps a server that is shutting down alive.
		job = new Cron(pattern, { protect: true, unref: true }, async () => {
			await runScheduledBackup(db(), dir, keep);
		});
	} catch (e) {
		throw new Error(
			`BACKUP_CRON is not a cron expression ("${pattern}"): ${(e as Error).message}`,
			{
				cause: e
			}
		);
	}
	writeLog('backup-schedule', {
		dir,
		keep,
		cron: pattern,
		next: job.nextRun()?.toISOString() ?? null
	});
	return job;
}
