/**
 * A token bucket per key (a client's address): up to `capacity` at once, refilled at
 * `capacity / windowSeconds` per second, so that one client cannot keep the CPU drawing while
 * others wait. Pure apart from the state it holds; the time is passed in. At most `maxKeys` keys
 * are remembered (the least recently seen go first), so a flood of addresses costs bounded memory.
 */

export interface BucketSettings {
	capacity: number;
	windowSeconds: number;
	maxKeys?: number;
}

export type Take = { ok: true } | { ok: false; retryAfterSeconds: number };

/** `max/seconds` (e.g. `30/60`) as bucket settings, or `fallback` when unset or malformed. */
export function parseBucketSettings(
	text: string | undefined,
	fallback: BucketSettings
): BucketSettings {
	const match = /^\s*(\d+)\s*\/\s*(\d+)\s*$/.exec(text ?? '');
	if (!match) return fallback;
	const [capacity, windowSeconds] = [Number(match[1]), Number(match[2])];
	return capacity > 0 && windowSeconds > 0 ? { ...fallback, capacity, windowSeconds } : fallback;
}

export class TokenBuckets {
	readonly #tokens = new Map<string, { tokens: number; at: number }>();
	readonly #rate: number;
	readonly #maxKeys: number;

	constructor(readonly settings: BucketSettings) {
		this.#rate = settings.capacity / settings.windowSeconds;
		this.#maxKeys = settings.maxKeys ?? 10_000;
	}

	/** Takes one token for `key` at `now` (milliseconds), or says how long until there is one. */
	take(key: string, now: number): Take {
		const kept = this.#tokens.get(key);
		const elapsed = kept ? Math.max(0, now - kept.at) / 1000 : 0;
		const tokens = kept
			? Math.min(this.settings.capacity, kept.tokens + elapsed * this.#rate)
			: this.settings.capacity;
		this.#tokens.delete(key);
		if (tokens < 1) {
			this.#tokens.set(key, { tokens, at: now });
			return { ok: false, retryAfterSeconds: Math.max(1, Math.ceil((1 - tokens) / this.#rate)) };
		}
		this.#tokens.set(key, { tokens: tokens - 1, at: now });
		if (this.#tokens.size > this.#maxKeys)
			this.#tokens.delete(this.#tokens.keys().next().value as string);
		return { ok: true };
	}
}
