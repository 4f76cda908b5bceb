/**
 * `npm run user -- <command> [options]`: manage accounts from the command line, for the first
 * admin of a real installation and for scripts. Same code paths as the admin pages.
 *
 *   create --email E --role reporter|reviewer|admin [--reporter CODE] [--name N]
 *          [--choose-password | --password-stdin]
 *   list
 *   reset-password --email E
 *   deactivate --email E
 *   reactivate --email E
 *
 * Without a password option, a generated password is printed once. `--choose-password` asks for
 * one at the terminal (twice, not shown); `--password-stdin` reads it from the first line of the
 * standard input, for scripts. A password is never taken from the command line, where the shell's
 * history and the process list would keep it. DATABASE_URL selects the database (default
 * data/plan-monitor.db). Exit status: 0 done, 2 refused (with the reason on stderr).
 */
import { eq } from 'drizzle-orm';
import { parseArgs } from 'node:util';
import { createAuth } from '../src/lib/server/auth';
import { openDatabase } from '../src/lib/server/db';
import * as t from '../src/lib/server/db/schema';
import { ensurePlan } from '../src/lib/server/plan';
import { createUser, listUsers, resetPassword, setActive } from '../src/lib/server/users';
import { Refused } from '../src/lib/server/refused';

const USAGE = `Usage: npm run user -- <command> [options]
  create --email E --role reporter|reviewer|admin [--reporter CODE] [--name NAME]
         [--choose-password | --password-stdin]
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
		'choose-password': { type: 'boolean' },
		'password-stdin': { type: 'boolean' },
		help: { type: 'boolean', short: 'h' }
	}
});
const [command] = positionals;
if (values.help || !command) {
	console.log(USAGE);
	process.exit(values.help ? 0 : 2);
}

if (values.password !== undefined)
	refuse(
		'--password is not accepted: the shell history and the process list would keep it.\n' +
			'Use --choose-password (asked at the terminal) or --password-stdin (from a pipe).'
	);
if (values['choose-password'] && values['password-stdin'])
	refuse('Use either --choose-password or --password-stdin, not both');

/** The first line of the standard input, without its line ending. */
async function passwordFromStdin(): Promise<string> {
	let text = '';
	for await (const chunk of process.stdin) {
		text += chunk;
		if (text.includes('\n') || text.length > 10_000) break;
	}
	return text.split(/\r?\n/)[0];
}

/** Asks at the terminal without showing what is typed. */
async function askHidden(question: string): Promise<string> {
	const stdin = process.stdin;
	if (!stdin.isTTY) refuse('--choose-password needs a terminal: use --password-stdin in scripts');
	process.stderr.write(question);
	stdin.setRawMode(true);
	stdin.setEncoding('utf8');
	let typed = '';
	try {
		for await (const chunk of stdin as AsyncIterable<string>) {
			for (const c of chunk) {
				if (c === '\r' || c === '\n') return typed;
				if (c === '\u0003') refuse('\nCancelled');
				if (c === '\u007f' || c === '\b') typed = [...typed].slice(0, -1).join('');
				else if (c >= ' ') typed += c;
			}
		}
		return typed;
	} finally {
		stdin.setRawMode(false);
		stdin.pause();
		process.stderr.write('\n');
	}
}

async function chosenPassword(): Promise<string | undefined> {
	if (values['password-stdin']) return passwordFromStdin();
	if (!values['choose-password']) return undefined;
	const first = await askHidden('Password: ');
	const again = await askHidden('Password again: ');
	if (first !== again) refuse('The two passwords differ');
	return first;
}

const db = openDatabase();
ensurePlan(db);
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
			const password = await chosenPassword();
			const created = await createUser(db, createAuth(db), {
				email: values.email,
				name: values.name ?? values.email.split('@')[0],
				role: values.role as 'admin',
				reporterCode: values.reporter ?? null,
				password,
				actor
			});
			console.log(
				`Created ${values.email} (${values.role}${values.reporter ? `, ${values.reporter}` : ''}).`
			);
			if (password === undefined) console.log(`Password (shown once): ${created.password}`);
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
	if (e instanceof Refused) refuse(e.message);
	throw e;
} finally {
	db.$client.close();
}
