/**
 * `npm run backup -- [<file or folder>] [--pages <n>]`: a consistent copy of the database
 * (DATABASE_URL), taken while the server runs, checked, and written under a temporary name
 * then renamed, so a killed backup never leaves half a file under the name asked for.
 *
 * Into a file: that file (replaced once the new copy is checked). Into a folder (an existing
 * one, or a path ending in /): a file named by the time. With no argument: into BACKUP_DIR,
 * keeping the newest BACKUP_KEEP, as the server's scheduled backups do (for a system cron job).
 * --pages sets the pages copied per step (default 1024). Exit status: 0 when the backup is in
 * place and checked, 1 when it failed, 2 for a wrong command.
 */
import Database from 'better-sqlite3';
import { existsSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import {
	backupDatabase,
	backupFileName,
	backupInto,
	type BackupResult
} from '../src/lib/server/backup/backup';
import { backupDir, backupKeep, databaseFile } from '../src/lib/server/config';

const USAGE = 'Usage: npm run backup -- [<file or folder>] [--pages <n>]';

function refuse(message: string, status = 2): never {
	console.error(message);
	process.exit(status);
}

const { positionals, values } = parseArgs({
	allowPositionals: true,
	options: { pages: { type: 'string' }, help: { type: 'boolean', short: 'h' } }
});
if (values.help) {
	console.log(USAGE);
	process.exit(0);
}
if (positionals.length > 1) refuse(USAGE);
const pagesPerStep = values.pages === undefined ? undefined : Number(values.pages);
if (pagesPerStep !== undefined && !(Number.isInteger(pagesPerStep) && pagesPerStep > 0))
	refuse(`--pages must be a whole number above 0, not "${values.pages}"`);

const file = databaseFile();
if (!existsSync(file)) refuse(`No database at ${file} (DATABASE_URL)`);
// No migration, no plan: a backup copies the database exactly as it is.
const source = new Database(file, { fileMustExist: true, timeout: 5000 });

const [target] = positionals;
const dir = target === undefined ? backupDir() : null;
if (target === undefined && !dir) refuse(`${USAGE}\n(or set BACKUP_DIR)`);
const intoFolder =
	target !== undefined &&
	(/\/$/.test(target) || (existsSync(target) && statSync(target).isDirectory()));

let result: BackupResult & { removed?: string[] };
try {
	result = dir
		? await backupInto(source, dir, { keep: backupKeep(), pagesPerStep })
		: await backupDatabase(
				source,
				intoFolder ? join(target!, backupFileName(new Date())) : target!,
				{ pagesPerStep }
			);
} catch (e) {
	refuse(`The backup failed: ${(e as Error).message}`, 1);
} finally {
	source.close();
}

const { check } = result;
const release = check.lastRelease
	? `release ${check.lastRelease.id} of ${check.lastRelease.at}`
	: 'no release yet';
console.log(
	`Backed up ${file} to ${result.file}: ${(result.bytes / 1e6).toFixed(1)} MB in ${(result.copyMs / 1000).toFixed(1)} s, checked in ${(result.checkMs / 1000).toFixed(1)} s`
);
console.log(
	`  integrity ok, ${check.migrations.applied} migrations, ${check.submissions} submissions, ${release}`
);
if (result.removed?.length)
	console.log(`  Removed ${result.removed.length} older backups: ${result.removed.join(', ')}`);
