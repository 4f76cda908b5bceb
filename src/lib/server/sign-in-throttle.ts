/**
 * Failed sign-ins slow down what comes next, per account and per address, with a growing delay
 * rather than a ban (OWASP ASVS 2.2.1): after `free` failures, each further attempt must wait
 * 1, 2, 4 … seconds after the last failure, up to `maxDelaySeconds`. Successes are never
 * counted, and a success clears its account's count (not its address's). Delays apply to the
 * attempt, whatever its password: an attempt too soon is not checked at all.
 *
 * So that an attacker cannot keep someone out of their own account by failing on purpose, a
 * browser that has signed in to an account before carries a proof of it (`knownBrowserToken`,
 * an HMAC of the e-mail address in an HttpOnly cookie): its attempts count and wait under a key
 * of their own, not under the account's. The address's delay applies to everyone.
 *
 * Counts live in the `rate_limit` table (keys `sign-in:…`, beside the library's own), so they
 * survive a restart; a count is forgotten a day after its last failure.
 */
import { eq, inArray } from 'drizzle-orm';
import { createHmac, timingSafeEqual } from 'node:crypto';
import type { Db } from './db';
import * as t from './db/schema';

export interface ThrottleSettings {
	/** Failures allowed without delay, per account (or known browser) and per address. */
	accountFree: number;
	addressFree: number;
	maxDelaySeconds: number;
}

const FORGET_AFTER_MS = 24 * 3600 * 1000;

/** The delay, in seconds, that `failures` failures impose before the next attempt. */
export function delayAfter(failures: number, free: number, maxDelaySeconds: number): number {
	if (failures < free) return 0;
	return Math.min(maxDelaySeconds, 2 ** Math.min(30, failures - free));
}

/** The keys an attempt counts under: its address, and its account or known browser. */
export function throttleKeys(options: { email: string; address: string; known: boolean }) {
	const email = options.email.trim().toLowerCase();
	return {
		address: `sign-in:address:${options.address}`,
		account: `sign-in:${options.known ? 'known' : 'account'}:${email}`
	};
}

type Keys = ReturnType<typeof throttleKeys>;

interface Count {
	failures: number;
	/** When the last failure was, in milliseconds. */
	at: number;
}

function counts(db: Db, keys: Keys, now: number): { address: Count; account: Count } {
	const rows = db
		.select()
		.from(t.rateLimit)
		.where(inArray(t.rateLimit.key, [keys.address, keys.account]))
		.all();
	const of = (key: string): Count => {
		const row = rows.find((r) => r.key === key);
		return row && now - row.lastRequest < FORGET_AFTER_MS
			? { failures: row.count, at: row.lastRequest }
			: { failures: 0, at: 0 };
	};
	return { address: of(keys.address), account: of(keys.account) };
}

/** Seconds to wait before this attempt may be checked (0: it may be now). */
export function secondsToWait(db: Db, keys: Keys, settings: ThrottleSettings, now: number): number {
	const { address, account } = counts(db, keys, now);
	const wait = (c: Count, free: number) =>
		Math.max(0, c.at + delayAfter(c.failures, free, settings.maxDelaySeconds) * 1000 - now);
	return Math.ceil(
		Math.max(wait(address, settings.addressFree), wait(account, settings.accountFree)) / 1000
	);
}

/** Counts a failed attempt under both of its keys. */
export function recordFailure(db: Db, keys: Keys, now: number): void {
	const c = counts(db, keys, now);
	for (const [key, { failures }] of [
		[keys.address, c.address],
		[keys.account, c.account]
	] as const) {
		const count = failures + 1;
		db.insert(t.rateLimit)
			.values({ id: key, key, count, lastRequest: now })
			.onConflictDoUpdate({ target: t.rateLimit.key, set: { count, lastRequest: now } })
			.run();
	}
}

/**
 * An attempt is counted as failed before its password is checked (so that attempts sent at
 * once cannot all pass the check); when it succeeds, this takes it back: the address's count
 * loses it, the account's (or known browser's) count is cleared.
 */
export function recordSuccess(db: Db, keys: Keys, now: number): void {
	db.delete(t.rateLimit).where(eq(t.rateLimit.key, keys.account)).run();
	const { address } = counts(db, keys, now);
	if (address.failures > 0)
		db.update(t.rateLimit)
			.set({ count: address.failures - 1 })
			.where(eq(t.rateLimit.key, keys.address))
			.run();
}

/** The proof that a browser has signed in to the account with this e-mail address before. */
export function knownBrowserToken(secret: string, email: string): string {
	return createHmac('sha256', secret)
		.update(`known-browser:${email.trim().toLowerCase()}`)
		.digest('base64url')
		.slice(0, 22);
}

/** Whether one of `tokens` (from the cookie) proves a known browser for `email`. */
export function isKnownBrowser(secret: string, email: string, tokens: readonly string[]): boolean {
	const expected = Buffer.from(knownBrowserToken(secret, email));
	return tokens.some((token) => {
		const given = Buffer.from(token);
		return given.length === expected.length && timingSafeEqual(given, expected);
	});
}

/** The cookie that holds the tokens, and how many accounts it remembers (the latest). */
export const KNOWN_BROWSER_COOKIE = 'plan-monitor.known-browser';
const KNOWN_MAX = 5;

/** The tokens of the cookie's value. */
export function knownTokens(cookie: string | undefined): string[] {
	return (cookie ?? '')
		.split('.')
		.filter((token) => /^[\w-]{22}$/.test(token))
		.slice(0, KNOWN_MAX);
}

/** The cookie's value once `token` is added (first, the oldest dropped). */
export function withKnownToken(cookie: string | undefined, token: string): string {
	return [token, ...knownTokens(cookie).filter((t) => t !== token)].slice(0, KNOWN_MAX).join('.');
}
