import { eq } from 'drizzle-orm';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createAuth, getSessionUser, signIn, signOut, type Auth } from './auth';
import type { Db } from './db';
import * as t from './db/schema';
import { tempDatabase } from './testing/temp-db';
import { createUser, resetPassword, setActive } from './users';

let db: Db;
let dispose: () => void;
let auth: Auth;
const settings = {
	origin: 'http://localhost:3000',
	signInMax: 3,
	signInWindowSeconds: 60,
	sessionHours: 12
};

beforeEach(() => {
	({ db, dispose } = tempDatabase());
	auth = createAuth(db, settings);
});
afterEach(() => dispose());

const cookieHeader = (cookies: { name: string; value: string }[]) =>
	new Headers({ cookie: cookies.map((c) => `${c.name}=${c.value}`).join('; ') });

async function signedIn(email: string, password: string, address = '10.0.0.1') {
	const result = await signIn(auth, { email, password, address });
	if (!result.ok) throw new Error(`sign-in failed: ${result.reason}`);
	return cookieHeader(result.cookies);
}

describe('sign-in', () => {
	it('stores passwords as argon2id hashes', async () => {
		await createUser(db, auth, {
			email: 'reviewer@example.org',
			name: 'Reviewer',
			role: 'reviewer',
			password: 'a long enough password',
			actor: 'test'
		});
		const account = db.select().from(t.account).get();
		expect(account?.password).toMatch(/^\$argon2id\$v=19\$m=19456,t=2,p=1\$/);
		expect(account?.password).not.toContain('a long enough password');
	});

	it('signs in and knows the user, role and organisation', async () => {
		await createUser(db, auth, {
			email: 'licadho@example.org',
			name: 'LICADHO officer',
			role: 'reporter',
			reporterCode: 'LICADHO',
			password: 'a long enough password',
			actor: 'test'
		});
		const headers = await signedIn('licadho@example.org', 'a long enough password');
		const found = await getSessionUser(auth, headers);
		expect(found?.user).toMatchObject({ role: 'reporter', reporterCode: 'LICADHO' });
	});

	it('gives the same answer for an unknown account and a wrong password', async () => {
		await createUser(db, auth, {
			email: 'a@example.org',
			name: 'A',
			role: 'admin',
			password: 'a long enough password',
			actor: 'test'
		});
		const wrong = await signIn(auth, {
			email: 'a@example.org',
			password: 'not the password',
			address: '10.0.0.2'
		});
		const unknown = await signIn(auth, {
			email: 'b@example.org',
			password: 'not the password',
			address: '10.0.0.3'
		});
		expect(wrong).toEqual({ ok: false, reason: 'invalid' });
		expect(unknown).toEqual(wrong);
	});

	it('limits sign-in attempts per address, not for everyone', async () => {
		const attempt = (address: string) =>
			signIn(auth, { email: 'nobody@example.org', password: 'whatever it is', address });
		for (let i = 0; i < settings.signInMax; i++) expect((await attempt('10.0.0.9')).ok).toBe(false);
		const blocked = await attempt('10.0.0.9');
		expect(blocked).toMatchObject({ ok: false, reason: 'rate_limited' });
		expect((await attempt('10.0.0.10')) as { reason: string }).toMatchObject({ reason: 'invalid' });
	});
});

describe('sessions', () => {
	beforeEach(async () => {
		await createUser(db, auth, {
			email: 'r@example.org',
			name: 'R',
			role: 'reviewer',
			password: 'a long enough password',
			actor: 'test'
		});
	});

	it('set an HttpOnly, SameSite=Lax cookie that expires with the session', async () => {
		const result = await signIn(auth, {
			email: 'r@example.org',
			password: 'a long enough password',
			address: '10.0.0.1'
		});
		if (!result.ok) throw new Error('sign-in failed');
		const cookie = result.cookies.find((c) => c.name.endsWith('session_token'));
		expect(cookie?.options).toMatchObject({ httpOnly: true, sameSite: 'lax', maxAge: 12 * 3600 });
	});

	it('expire', async () => {
		const headers = await signedIn('r@example.org', 'a long enough password');
		expect(await getSessionUser(auth, headers)).not.toBeNull();
		db.update(t.session)
			.set({ expiresAt: new Date(Date.now() - 1000) })
			.run();
		expect(await getSessionUser(auth, headers)).toBeNull();
	});

	it('end at sign-out', async () => {
		const headers = await signedIn('r@example.org', 'a long enough password');
		await signOut(auth, headers);
		expect(await getSessionUser(auth, headers)).toBeNull();
		expect(db.select().from(t.session).all()).toHaveLength(0);
	});

	it('are revoked when the account is deactivated, and it can no longer sign in', async () => {
		const headers = await signedIn('r@example.org', 'a long enough password');
		const user = db.select().from(t.user).where(eq(t.user.email, 'r@example.org')).get();
		setActive(db, { userId: user!.id, active: false, actor: 'test' });
		expect(await getSessionUser(auth, headers)).toBeNull();
		const again = await signIn(auth, {
			email: 'r@example.org',
			password: 'a long enough password',
			address: '10.0.0.4'
		});
		expect(again).toMatchObject({ ok: false, reason: 'deactivated' });
		setActive(db, { userId: user!.id, active: true, actor: 'test' });
		expect(
			(
				await signIn(auth, {
					email: 'r@example.org',
					password: 'a long enough password',
					address: '10.0.0.4'
				})
			).ok
		).toBe(true);
	});

	it('are revoked by a password reset, and the new password works once shown', async () => {
		const headers = await signedIn('r@example.org', 'a long enough password');
		const user = db.select().from(t.user).where(eq(t.user.email, 'r@example.org')).get();
		const password = await resetPassword(db, { userId: user!.id, actor: 'test' });
		expect(password.length).toBeGreaterThanOrEqual(16);
		expect(await getSessionUser(auth, headers)).toBeNull();
		expect(
			(
				await signIn(auth, {
					email: 'r@example.org',
					password: 'a long enough password',
					address: '10.0.0.5'
				})
			).ok
		).toBe(false);
		expect((await signIn(auth, { email: 'r@example.org', password, address: '10.0.0.5' })).ok).toBe(
			true
		);
	});
});
