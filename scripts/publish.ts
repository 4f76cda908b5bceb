/**
 * `npm run publish -- --reason "…"`: make a release of the public tier now, ahead of the
 * publication calendar, as an admin does on the privacy page (same code path, audited, the reason
 * kept). `--status` prints the calendar instead: the last release, the next publication date and
 * what waits for it. DATABASE_URL selects the database (default data/plan-monitor.db). Exit
 * status: 0 done, 2 refused (with the reason on stderr).
 */
import { parseArgs } from 'node:util';
import { databaseFile } from '../src/lib/server/config';
import { openDatabase } from '../src/lib/server/db';
import { ensurePlan } from '../src/lib/server/plan';
import { publicationSchedule, publishNow } from '../src/lib/server/release';

const USAGE = 'Usage: npm run publish -- --reason "why now" | --status';

function refuse(message: string): never {
	console.error(message);
	process.exit(2);
}

let options: { reason?: string; status?: boolean };
try {
	({ values: options } = parseArgs({
		options: { reason: { type: 'string' }, status: { type: 'boolean' } },
		strict: true
	}));
} catch (e) {
	refuse(`${(e as Error).message}\n${USAGE}`);
}

const db = openDatabase(databaseFile());
ensurePlan(db);
try {
	if (options.status) {
		const s = publicationSchedule(db);
		console.log(
			`last release: ${s.last ? `${s.last.id} of ${s.last.at} (${s.last.reason})` : 'none'}\n` +
				`next publication: ${s.next}\nwaiting: ${s.waiting} approvals or reopenings`
		);
	} else {
		const reason = options.reason?.trim();
		if (!reason || reason.length > 500)
			refuse(`A reason of 1 to 500 characters is required.\n${USAGE}`);
		const release = publishNow(db, { reason, actor: 'cli' });
		console.log(
			`Release ${release.id} published: ${release.withheld} cells withheld (k = ${release.k}).`
		);
	}
} finally {
	db.$client.close();
}
