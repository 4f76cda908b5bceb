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
/** The throttle's clock: the tests move it, never wait for it. */
let clock = 0;
const settings = {
	origin: 'http://localhost:3000',
	signIn: { accountFree: 3, addressFree: 6, maxDelaySeconds: 60 },
	sessionHours: 12,
	now: () => clock
};

beforeEach(() => {
	({ db, dispose } = tempDatabase());
	clock = Date.UTC(2004, 0, 1);
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

	it('limits failed attempts per address, not for everyone', async () => {
		const attempt = (address: string, i: number) =>
			signIn(auth, { email: `nobody${i}@example.org`, password: 'whatever it is', address });
		for (let i = 0; i < settings.signIn.addressFree; i++)
			expect(await attempt('10.0.0.9', i)).toMatchObject({ reason: 'invalid' });
		expect(await attempt('10.0.0.9', 99)).toEqual({
			ok: false,
			reason: 'rate_limited',
			retryAfterSeconds: 1
		});
		expect(await attempt('10.0.0.10', 99)).toMatchObject({ reason: 'invalid' });
	});
});

describe('the sign-in throttle', () => {
	const email = 'reviewer@example.org';
	const password = 'a long enough password';
	beforeEach(async () => {
		await createUser(db, auth, { email, name: 'R', role: 'reviewer', password, actor: 'test' });
	});
	const attempt = (options: { password: string; address: string; knownTokens?: string[] }) =>
		signIn(auth, { email, ...options });

	it('does not count successes: an office behind one address signs in all day', async () => {
		for (let i = 0; i < 40; i++)
			expect((await attempt({ password, address: '10.0.0.1' })).ok, `sign-in ${i}`).toBe(true);
	});

	it('limits failures per account, from however many addresses, with a growing delay', async () => {
		for (let i = 0; i < settings.signIn.accountFree; i++)
			expect(await attempt({ password: 'wrong guess!', address: `10.1.0.${i}` })).toMatchObject({
				reason: 'invalid'
			});
		// The next attempt, even with the right password, waits: it is not checked at all.
		expect(await attempt({ password, address: '10.1.1.1' })).toEqual({
			ok: false,
			reason: 'rate_limited',
			retryAfterSeconds: 1
		});
		clock += 1000;
		expect(await attempt({ password: 'wrong guess!', address: '10.1.1.2' })).toMatchObject({
			reason: 'invalid'
		});
		expect(await attempt({ password, address: '10.1.1.3' })).toMatchObject({
			retryAfterSeconds: 2
		});
		clock += 2000;
		expect(await attempt({ password: 'wrong guess!', address: '10.1.1.4' })).toMatchObject({
			reason: 'invalid'
		});
		expect(await attempt({ password, address: '10.1.1.5' })).toMatchObject({
			retryAfterSeconds: 4
		});
		// A delay, never a ban: once it has passed, the right password works and clears the count.
		clock += 4000;
		expect((await attempt({ password, address: '10.1.1.6' })).ok).toBe(true);
		expect(await attempt({ password: 'wrong guess!', address: '10.1.1.7' })).toMatchObject({
			reason: 'invalid'
		});
	});

	it('caps the delay', async () => {
		for (let i = 0; i < 30; i++) {
			await attempt({ password: 'wrong guess!', address: `10.2.0.${i}` });
			clock += 3600_000;
		}
		clock -= 3600_000;
		expect(await attempt({ password, address: '10.2.1.1' })).toMatchObject({
			retryAfterSeconds: settings.signIn.maxDelaySeconds
		});
	});

	it('cannot be used to keep the owner out: a browser that signed in before is not slowed', async () => {
		const first = await attempt({ password, address: '10.3.0.1' });
		if (!first.ok) throw new Error('sign-in failed');
		for (let i = 0; i < 20; i++) {
			await attempt({ password: 'attacker guess', address: `10.4.0.${i}` });
			clock += 10;
		}
		expect(await attempt({ password, address: '10.3.0.2' })).toMatchObject({
			reason: 'rate_limited'
		});
		// The owner's browser holds the proof of an earlier sign-in: the attacker's failures do not
		// count against it.
		const owner = await attempt({
			password,
			address: '10.3.0.2',
			knownTokens: [first.knownBrowserToken]
		});
		expect(owner.ok).toBe(true);
		// A forged proof is no proof.
		expect(
			await attempt({ password, address: '10.3.0.3', knownTokens: ['A'.repeat(22)] })
		).toMatchObject({ reason: 'rate_limited' });
	});

	it('counts attempts sent at once, before any password is checked', async () => {
		const results = await Promise.all(
			Array.from({ length: 10 }, (_, i) =>
				attempt({ password: 'wrong guess!', address: `10.5.0.${i}` })
			)
		);
		expect(results.filter((r) => !r.ok && r.reason === 'invalid')).toHaveLength(
			settings.signIn.accountFree
		);
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
