/**
 * Sign-in and sessions, with Better Auth on our SQLite database.
 *
 * - Email and password, hashed with argon2id; no public sign-up (admins create accounts).
 * - Sessions live in the `session` table and in an HttpOnly, SameSite=Lax cookie (Secure behind
 *   HTTPS); they expire after `SESSION_HOURS` (default 12) and are never silently extended, and
 *   revoking them (sign-out, deactivation, password reset) deletes the row.
 * - Sign-in is slowed down per account and per address after failures (`sign-in-throttle.ts`:
 *   a growing delay, never a ban; successes do not count; a browser that signed in before is
 *   not slowed down by someone else's failures). The library's own limiter, which counts
 *   successes too and per address only, is off for sign-in; it still guards its other paths,
 *   keyed on a private header set from the connection's address, never from a client header.
 * - No auth client ships to the browser: pages use plain form posts.
 *
 * The secret signing the cookies is `BETTER_AUTH_SECRET`; without it, one is generated once and
 * kept in the database, so that a demonstration install needs no setup.
 */
import { hash, verify } from '@node-rs/argon2';
import { betterAuth } from 'better-auth';
import { drizzleAdapter } from 'better-auth/adapters/drizzle';
import { getSessionCookie, parseSetCookieHeader, toCookieOptions } from 'better-auth/cookies';
import { admin } from 'better-auth/plugins/admin';
import { adminAc, defaultStatements, userAc } from 'better-auth/plugins/admin/access';
import { createAccessControl } from 'better-auth/plugins/access';
import { eq } from 'drizzle-orm';
import { randomBytes } from 'node:crypto';
import { ROLES, type Role } from '../domain/words';
import { getDb, type Db } from './db';
import * as t from './db/schema';
import { FIELD_LIMITS, MIN_PASSWORD } from '../domain/limits';
import {
	isKnownBrowser,
	knownBrowserToken,
	recordFailure,
	recordSuccess,
	secondsToWait,
	throttleKeys,
	type ThrottleSettings
} from './sign-in-throttle';

export { ROLES, type Role };

/** The private request header that carries the client's address to the rate limiter. */
const CLIENT_ADDRESS_HEADER = 'x-plan-monitor-client-address';

/** argon2id (the library's default algorithm) with OWASP's parameters: 19 MiB, 2 passes. */
export const hashPassword = (password: string) =>
	hash(password, { memoryCost: 19456, timeCost: 2, parallelism: 1 });
export const verifyPassword = ({ hash: digest, password }: { hash: string; password: string }) =>
	verify(digest, password);

export interface AuthSettings {
	/** The address people use, e.g. `http://localhost:3000`. */
	origin: string;
	/** How failed sign-ins slow down the next ones. */
	signIn: ThrottleSettings;
	sessionHours: number;
	/** The time in milliseconds, for the throttle (tests pass their own clock). */
	now?: () => number;
}

/**
 * Settings from the environment: `ORIGIN`, `SESSION_HOURS`, and `SIGN_IN_THROTTLE` as
 * `account/address/seconds` (failures without delay per account and per address, and the
 * longest delay; default `5/20/300`).
 */
export function authSettings(): AuthSettings {
	const [account, address, maxDelay] = (process.env.SIGN_IN_THROTTLE || '').split('/').map(Number);
	const whole = (n: number | undefined, fallback: number) =>
		Number.isInteger(n) && (n as number) > 0 ? (n as number) : fallback;
	return {
		origin: process.env.ORIGIN || `http://localhost:${process.env.PORT || 5173}`,
		signIn: {
			accountFree: whole(account, 5),
			addressFree: whole(address, 20),
			maxDelaySeconds: whole(maxDelay, 300)
		},
		sessionHours: Number(process.env.SESSION_HOURS) > 0 ? Number(process.env.SESSION_HOURS) : 12
	};
}

/** `BETTER_AUTH_SECRET`, or a secret generated once and kept in the database. */
function authSecret(db: Db): string {
	if (process.env.BETTER_AUTH_SECRET) return process.env.BETTER_AUTH_SECRET;
	const kept = db.select().from(t.setting).where(eq(t.setting.key, 'auth_secret')).get();
	if (kept) return kept.value;
	const secret = randomBytes(32).toString('base64url');
	db.insert(t.setting).values({ key: 'auth_secret', value: secret }).onConflictDoNothing().run();
	return (
		db.select().from(t.setting).where(eq(t.setting.key, 'auth_secret')).get() as { value: string }
	).value;
}

const ac = createAccessControl(defaultStatements);

/** Builds the sign-in library for a database. */
export function createAuth(db: Db, settings: AuthSettings = authSettings()) {
	const auth = betterAuth({
		appName: 'Plan Monitor',
		baseURL: settings.origin,
		secret: authSecret(db),
		trustedOrigins: [settings.origin],
		database: drizzleAdapter(db, {
			provider: 'sqlite',
			schema: {
				user: t.user,
				session: t.session,
				account: t.account,
				verification: t.verification,
				rateLimit: t.rateLimit
			}
		}),
		emailAndPassword: {
			enabled: true,
			disableSignUp: true,
			// The full rule (password-rule.ts) is checked where a password is chosen.
			minPasswordLength: MIN_PASSWORD,
			maxPasswordLength: FIELD_LIMITS.password,
			password: { hash: hashPassword, verify: verifyPassword }
		},
		session: {
			expiresIn: settings.sessionHours * 3600,
			disableSessionRefresh: true
		},
		user: {
			additionalFields: {
				reporterCode: { type: 'string', required: false, input: false }
			}
		},
		rateLimit: {
			enabled: true,
			storage: 'database',
			window: 60,
			max: 100,
			// Sign-in has its own throttle (see the header).
			customRules: { '/sign-in/email': false }
		},
		advanced: {
			ipAddress: { ipAddressHeaders: [CLIENT_ADDRESS_HEADER] },
			useSecureCookies: settings.origin.startsWith('https:'),
			defaultCookieAttributes: { httpOnly: true, sameSite: 'lax', path: '/' }
		},
		telemetry: { enabled: false },
		plugins: [
			admin({
				ac,
				roles: { admin: adminAc, reviewer: userAc, reporter: userAc },
				adminRoles: ['admin'],
				defaultRole: 'reporter'
			})
		]
	});
	throttles.set(auth, { db, settings: settings.signIn, now: settings.now ?? Date.now });
	return auth;
}

export type Auth = ReturnType<typeof createAuth>;

/** The sign-in throttle's settings and database, per library instance. */
const throttles = new WeakMap<object, { db: Db; settings: ThrottleSettings; now: () => number }>();

export interface CookieToSet {
	name: string;
	value: string;
	options: ReturnType<typeof toCookieOptions>;
}

export type SignInResult =
	| { ok: true; userId: string; cookies: CookieToSet[]; knownBrowserToken: string }
	| { ok: false; reason: 'invalid' | 'deactivated' | 'rate_limited'; retryAfterSeconds?: number };

/** Reads the cookies a library response sets, for SvelteKit's `cookies.set`. */
export function cookiesFrom(response: Response): CookieToSet[] {
	const header = response.headers.get('set-cookie');
	if (!header) return [];
	return [...parseSetCookieHeader(header)].map(([name, attributes]) => ({
		name,
		value: attributes.value,
		options: toCookieOptions(attributes)
	}));
}

/**
 * Signs in, as a request from `address`, unless failures have made this account or address
 * wait (`sign-in-throttle.ts`); `knownTokens` are the tokens of the browser's known-browser
 * cookie. An unknown account and a wrong password give the same answer. On success, the token
 * to add to that cookie comes back.
 */
export async function signIn(
	auth: Auth,
	options: {
		email: string;
		password: string;
		address: string;
		userAgent?: string | null;
		knownTokens?: readonly string[];
	}
): Promise<SignInResult> {
	const { db, settings, now } = throttles.get(auth)!;
	const secret = auth.options.secret as string;
	const email = options.email.trim();
	const keys = throttleKeys({
		email,
		address: options.address,
		known: isKnownBrowser(secret, email, options.knownTokens ?? [])
	});
	const wait = secondsToWait(db, keys, settings, now());
	if (wait > 0) return { ok: false, reason: 'rate_limited', retryAfterSeconds: wait };
	// Counted as failed until it succeeds, so that attempts sent at once all count.
	recordFailure(db, keys, now());

	const origin = new URL(auth.options.baseURL as string).origin;
	const response = await auth.handler(
		new Request(`${origin}/api/auth/sign-in/email`, {
			method: 'POST',
			headers: {
				'content-type': 'application/json',
				origin,
				[CLIENT_ADDRESS_HEADER]: options.address,
				'user-agent': options.userAgent ?? ''
			},
			body: JSON.stringify({ email, password: options.password })
		})
	);
	if (response.ok) {
		recordSuccess(db, keys, now());
		const body = (await response.json()) as { user: { id: string } };
		return {
			ok: true,
			userId: body.user.id,
			cookies: cookiesFrom(response),
			knownBrowserToken: knownBrowserToken(secret, email)
		};
	}
	const body = (await response.json().catch(() => ({}))) as { code?: string };
	return { ok: false, reason: body.code === 'BANNED_USER' ? 'deactivated' : 'invalid' };
}

export interface SessionUser {
	id: string;
	name: string;
	email: string;
	role: Role;
	reporterCode: string | null;
}

/** Whether a request carries a session cookie at all (valid or not), as the library names it. */
export function hasSessionCookie(headers: Headers): boolean {
	return getSessionCookie(headers) !== null;
}

/** The signed-in user of a request, or null (no cookie, expired, revoked or deactivated). */
export async function getSessionUser(
	auth: Auth,
	headers: Headers
): Promise<{ user: SessionUser; sessionId: string } | null> {
	// Most requests are the public's, with no session cookie at all: nothing to look up.
	if (!hasSessionCookie(headers)) return null;
	const found = await auth.api.getSession({ headers, query: { disableCookieCache: true } });
	if (!found) return null;
	const u = found.user as typeof found.user & {
		role?: string | null;
		reporterCode?: string | null;
	};
	if (u.banned) return null;
	const role = ROLES.find((r) => r === u.role);
	if (!role) return null;
	return {
		sessionId: found.session.id,
		user: { id: u.id, name: u.name, email: u.email, role, reporterCode: u.reporterCode ?? null }
	};
}

/** Ends a session: its row is deleted, so the cookie is worthless even if kept. */
export async function signOut(auth: Auth, headers: Headers): Promise<CookieToSet[]> {
	const response = await auth.api.signOut({ headers, asResponse: true });
	return cookiesFrom(response);
}

let shared: Auth | undefined;

/** The process's sign-in library, on the process's database. */
export function getAuth(): Auth {
	shared ??= createAuth(getDb());
	return shared;
}
