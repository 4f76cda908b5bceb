/**
 * `npm run restore -- <backup file>`: puts a backup in place of the database (DATABASE_URL).
 *
 * The procedure: stop the server; run this; start the server (it applies the migrations of a
 * newer version of the app to an older backup). The backup is checked first (an SQLite file,
 * integrity, a Plan Monitor database no newer than the app); the restore is refused while
 * anything has the database open; the current database is kept aside as
 * `<database>.before-restore-<time>`. Exit status: 0 when restored, 2 when refused (nothing changed).
 */
import { parseArgs } from 'node:util';
import { databaseFile } from '../src/lib/server/config';
import {
	restoreDatabase,
	RestoreRefusal,
	type RestoreResult
} from '../src/lib/server/backup/restore';

const USAGE = 'Usage: npm run restore -- <backup file>   (stop the server first)';

function refuse(message: string): never {
	console.error(message);
	process.exit(2);
}

const { positionals, values } = parseArgs({
	allowPositionals: true,
	options: { help: { type: 'boolean', short: 'h' } }
});
if (values.help) {
	console.log(USAGE);
	process.exit(0);
}
const [backup] = positionals;
if (!backup || positionals.length > 1) refuse(USAGE);

let result: RestoreResult;
try {
	result = restoreDatabase({ backup, database: databaseFile() });
} catch (e) {
	if (e instanceof RestoreRefusal) refuse(`Not restored: ${e.message}`);
	throw e;
}
const { check } = result;
console.log(`Restored ${backup} as ${result.database}`);
console.log(
	`  integrity ok, ${check.migrations.applied} of ${check.migrations.expected} migrations, ${check.submissions} submissions, ${check.lastRelease ? `release ${check.lastRelease.id} of ${check.lastRelease.at}` : 'no release yet'}`
);
if (result.aside) console.log(`  The previous database is kept as ${result.aside}`);
console.log('  Start the server now (npm start).');
