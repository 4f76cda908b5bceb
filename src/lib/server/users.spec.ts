import { eq } from 'drizzle-orm';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createAuth, type Auth } from './auth';
import type { Db } from './db';
import * as t from './db/schema';
import { listReporters, saveReporter } from './reporters';
import { tempDatabase } from './testing/temp-db';
import { createUser, generatePassword, listUsers } from './users';

let db: Db;
let dispose: () => void;
let auth: Auth;
beforeEach(() => {
	({ db, dispose } = tempDatabase());
	auth = createAuth(db, {
		origin: 'http://localhost:3000',
		signIn: { accountFree: 5, addressFree: 20, maxDelaySeconds: 300 },
		sessionHours: 12
	});
});
afterEach(() => dispose());

describe('createUser', () => {
	const base = {
		email: 'a@example.org',
		name: 'A',
		password: 'long enough password',
		actor: 'test'
	};

	it('needs an existing organisation for a reporter, and none for other roles', async () => {
		await expect(createUser(db, auth, { ...base, role: 'reporter' })).rejects.toThrow(
			/one organisation/
		);
		await expect(
			createUser(db, auth, { ...base, role: 'reporter', reporterCode: 'NOPE' })
		).rejects.toThrow(/no reporter organisation NOPE/);
		await createUser(db, auth, { ...base, role: 'reviewer', reporterCode: 'CWCC' });
		expect(listUsers(db)[0]).toMatchObject({ role: 'reviewer', reporterCode: null, active: true });
	});

	it('refuses a second account with the same e-mail, a bad address and a short password', async () => {
		await createUser(db, auth, { ...base, role: 'admin' });
		await expect(
			createUser(db, auth, { ...base, email: 'A@example.org', role: 'admin' })
		).rejects.toThrow(/exists/);
		await expect(
			createUser(db, auth, { ...base, email: 'not-an-address', role: 'admin' })
		).rejects.toThrow(/valid e-mail/);
		await expect(
			createUser(db, auth, { ...base, email: 'b@example.org', password: 'short', role: 'admin' })
		).rejects.toThrow(/at least 12/);
	});

	it('generates a password when none is given, and audits the creation', async () => {
		const { id, password } = await createUser(db, auth, {
			...base,
			password: undefined,
			role: 'admin'
		});
		expect(password).toMatch(/^[\w]{5}-[\w]{5}-[\w]{5}-[\w]{5}$/);
		expect(
			db
				.select()
				.from(t.auditLog)
				.where(eq(t.auditLog.subject, `user:${id}`))
				.get()?.action
		).toBe('user.create');
	});

	it('generates different passwords', () => {
		expect(new Set(Array.from({ length: 50 }, generatePassword)).size).toBe(50);
	});
});

describe('saveReporter', () => {
	const base = {
		code: 'ECPAT',
		nameEn: 'ECPAT Cambodia',
		kind: 'ngo' as const,
		provinces: ['KH-12']
	};

	it('adds a reporter with its provinces, and edits it without changing its code', () => {
		saveReporter(db, base, { mode: 'create', actor: 'test' });
		saveReporter(
			db,
			{ ...base, nameEn: 'ECPAT-Cambodia', provinces: ['KH-12', 'KH-18'] },
			{ mode: 'update', actor: 'test' }
		);
		expect(listReporters(db).find((r) => r.code === 'ECPAT')).toMatchObject({
			nameEn: 'ECPAT-Cambodia',
			provinces: ['KH-12', 'KH-18'],
			active: true
		});
	});

	it('refuses a duplicate code, a malformed code and an unknown province', () => {
		expect(() =>
			saveReporter(db, { ...base, code: 'LICADHO' }, { mode: 'create', actor: 'test' })
		).toThrow(/exists/);
		expect(() =>
			saveReporter(db, { ...base, code: 'x y' }, { mode: 'create', actor: 'test' })
		).toThrow(/capital letters/);
		expect(() =>
			saveReporter(db, { ...base, provinces: ['KH-99'] }, { mode: 'create', actor: 'test' })
		).toThrow(/No such province: KH-99/);
		expect(listReporters(db)).toHaveLength(16);
	});
});
