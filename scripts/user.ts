/**
 * `npm run user -- <command> [options]`: manage accounts from the command line, for the first
 * admin of a real installation and for scripts. Same code paths as the admin pages.
 *
 *   create --email E --role reporter|reviewer|admin [--reporter CODE] [--name N] [--password P]
 *   list
 *   reset-password --email E
 *   deactivate --email E
 *   reactivate --email E
 *
 * DATABASE_URL selects the database (default data/plan-monitor.db). A generated password is
 * printed once. Exit status: 0 done, 2 refused (with the reason on stderr).
 */
import { eq } from 'drizzle-orm';
import { parseArgs } from 'node:util';
import { createAuth } from '../src/lib/server/auth';
import { openDatabase } from '../src/lib/server/db';
import * as t from '../src/lib/server/db/schema';
import {
	createUser,
	listUsers,
	resetPassword,
	setActive,
	UserError
} from '../src/lib/server/users';

const USAGE = `Usage: npm run user -- <command> [options]
  create --email E --role reporter|reviewer|admin [--reporter CODE] [--name NAME] [--password P]
  list
  reset-password --email E
  deactivate --email E
  reactivate --email E`;

function refuse(message: string): never {
	console.error(message);
	process.exit(2);
}

const { positionals, values } = parseArgs({
	allowPositionals: true,
	options: {
		email: { type: 'string' },
		role: { type: 'string' },
		reporter: { type: 'string' },
		name: { type: 'string' },
		password: { type: 'string' },
		help: { type: 'boolean', short: 'h' }
	}
});
const [command] = positionals;
if (values.help || !command) {
	console.log(USAGE);
	process.exit(values.help ? 0 : 2);
}

const db = openDatabase();
const actor = 'cli';
const userByEmail = () => {
	if (!values.email) refuse('--email is required');
	const user = db.select().from(t.user).where(eq(t.user.email, values.email.toLowerCase())).get();
	if (!user) refuse(`No account with the e-mail address ${values.email}`);
	return user;
};

try {
	switch (command) {
		case 'create': {
			if (!values.email || !values.role) refuse('create needs --email and --role\n' + USAGE);
			const created = await createUser(db, createAuth(db), {
				email: values.email,
				name: values.name ?? values.email.split('@')[0],
				role: values.role as 'admin',
				reporterCode: values.reporter ?? null,
				password: values.password,
				actor
			});
			console.log(
				`Created ${values.email} (${values.role}${values.reporter ? `, ${values.reporter}` : ''}).`
			);
			if (!values.password) console.log(`Password (shown once): ${created.password}`);
			break;
		}
		case 'list':
			for (const u of listUsers(db))
				console.log(
					[u.email, u.role, u.reporterCode ?? '-', u.active ? 'active' : 'deactivated'].join('\t')
				);
			break;
		case 'reset-password': {
			const password = await resetPassword(db, { userId: userByEmail().id, actor });
			console.log(`New password for ${values.email} (shown once): ${password}`);
			break;
		}
		case 'deactivate':
		case 'reactivate':
			setActive(db, { userId: userByEmail().id, active: command === 'reactivate', actor });
			console.log(`${command === 'reactivate' ? 'Reactivated' : 'Deactivated'} ${values.email}.`);
			break;
		default:
			refuse(`Unknown command: ${command}\n${USAGE}`);
	}
} catch (e) {
	if (e instanceof UserError) refuse(e.message);
	throw e;
} finally {
	db.$client.close();
}
