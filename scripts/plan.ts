/**
 * `npm run plan -- export [<file>]`: writes the plan in the database as a plan file (the format
 * of data/plans/*.json; to stdout without a file). `npm run plan -- diff <file>`: what the plan
 * file would change in the plan in the database, one line per difference, and nothing applied.
 * DATABASE_URL selects the database. Exit status: 0 done, 2 refused (the reason on stderr).
 */
import { writeFileSync } from 'node:fs';
import { databaseFile } from '../src/lib/server/config';
import { openDatabase } from '../src/lib/server/db';
import { readPlanFile } from '../src/lib/server/plan';
import { exportPlan } from '../src/lib/server/plan-export';
import { diffPlans } from '../src/lib/domain/plan-diff';

const USAGE = 'Usage: npm run plan -- export [<file>] | diff <file>';

function refuse(message: string): never {
	console.error(message);
	process.exit(2);
}

const [command, file, ...rest] = process.argv.slice(2);
if (rest.length || !['export', 'diff'].includes(command ?? '')) refuse(USAGE);
if (command === 'diff' && !file) refuse(`Which plan file?\n${USAGE}`);

let proposed;
if (command === 'diff')
	try {
		proposed = readPlanFile(file);
	} catch (e) {
		refuse((e as Error).message);
	}

const db = openDatabase(databaseFile());
try {
	const current = exportPlan(db);
	if (command === 'export') {
		const text = JSON.stringify(current, null, '\t') + '\n';
		if (file) writeFileSync(file, text);
		else process.stdout.write(text);
	} else {
		const changes = diffPlans(current, proposed);
		const shown = (v: unknown) => (v === undefined ? '–' : JSON.stringify(v));
		for (const c of changes) console.log(`${c.path}: ${shown(c.before)} → ${shown(c.after)}`);
		console.log(
			changes.length
				? `${changes.length} difference${changes.length === 1 ? '' : 's'}; nothing was changed.`
				: 'No difference: the file is the plan in the database.'
		);
	}
} finally {
	db.$client.close();
}
