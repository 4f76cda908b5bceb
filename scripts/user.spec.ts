/**
 * `npm run user`: a password is never taken from the command line, and a chosen one follows
 * the password rule. Runs the real command on a temporary database.
 */
import { spawnSync } from 'node:child_process';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createAuth, signIn } from '../src/lib/server/auth';
import type { Db } from '../src/lib/server/db';
import { tempDatabase } from '../src/lib/server/testing/temp-db';

let db: Db;
let file: string;
let dispose: () => void;
beforeEach(() => ({ db, file, dispose } = tempDatabase()));
afterEach(() => dispose());

const user = (args: string[], input?: string) =>
	spawnSync(process.execPath, ['scripts/run.mjs', 'scripts/user.ts', ...args], {
		env: { ...process.env, DATABASE_URL: file },
		input,
		encoding: 'utf8'
	});
const create = ['create', '--email', 'first@example.org', '--role', 'admin'];
const accounts = () =>
	(db.$client.prepare('SELECT count(*) AS n FROM user').get() as { n: number }).n;

describe('npm run user -- create', () => {
	it('refuses a password on the command line, and creates nothing', () => {
		const run = user([...create, '--password', 'a fine long password']);
		expect(run.status).toBe(2);
		expect(run.stderr).toContain('--password is not accepted');
		expect(accounts()).toBe(0);
	});

	it('reads the password from the standard input, and it signs in', async () => {
		const run = user([...create, '--password-stdin'], 'a fine long password\n');
		expect(run.stderr).toBe('');
		expect(run.status).toBe(0);
		expect(run.stdout).not.toContain('a fine long password');
		const result = await signIn(createAuth(db), {
			email: 'first@example.org',
			password: 'a fine long password',
			address: '10.0.0.1'
		});
		expect(result.ok).toBe(true);
	});

	it('refuses a password the rule refuses, saying why', () => {
		for (const [password, why] of [
			['aaaaaaaaaaaaaaa', 'one character repeated'],
			['password1234', 'most common'],
			[' '.repeat(14), 'only spaces'],
			['password12', 'at least 12 characters']
		]) {
			const run = user([...create, '--password-stdin'], `${password}\n`);
			expect(run.status, password).toBe(2);
			expect(run.stderr).toContain(why);
		}
		expect(accounts()).toBe(0);
	});

	it('asks at a terminal only: without one, --choose-password says to use stdin', () => {
		const run = user([...create, '--choose-password'], '');
		expect(run.status).toBe(2);
		expect(run.stderr).toContain('--password-stdin');
	});
});
