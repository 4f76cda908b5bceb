import { describe, expect, it } from 'vitest';
import { parseBucketSettings, TokenBuckets } from './token-bucket';

describe('TokenBuckets', () => {
	it('lets a burst through, then one per refill interval, with the wait to say', () => {
		const buckets = new TokenBuckets({ capacity: 3, windowSeconds: 30 });
		const t0 = 1_000_000;
		for (let i = 0; i < 3; i++) expect(buckets.take('a', t0).ok).toBe(true);
		expect(buckets.take('a', t0)).toEqual({ ok: false, retryAfterSeconds: 10 });
		expect(buckets.take('a', t0 + 4_000)).toEqual({ ok: false, retryAfterSeconds: 6 });
		expect(buckets.take('a', t0 + 10_000).ok).toBe(true);
		expect(buckets.take('a', t0 + 10_000).ok).toBe(false);
	});

	it('keeps each client apart', () => {
		const buckets = new TokenBuckets({ capacity: 1, windowSeconds: 60 });
		expect(buckets.take('a', 0).ok).toBe(true);
		expect(buckets.take('a', 0).ok).toBe(false);
		expect(buckets.take('b', 0).ok).toBe(true);
	});

	it('refills to its capacity, not beyond', () => {
		const buckets = new TokenBuckets({ capacity: 2, windowSeconds: 10 });
		buckets.take('a', 0);
		const later = 3_600_000;
		expect(buckets.take('a', later).ok).toBe(true);
		expect(buckets.take('a', later).ok).toBe(true);
		expect(buckets.take('a', later).ok).toBe(false);
	});

	it('remembers a bounded number of clients', () => {
		const buckets = new TokenBuckets({ capacity: 1, windowSeconds: 60, maxKeys: 2 });
		buckets.take('a', 0);
		buckets.take('b', 0);
		buckets.take('c', 0);
		// 'a' was forgotten: it starts again with a full bucket.
		expect(buckets.take('a', 0).ok).toBe(true);
		expect(buckets.take('c', 0).ok).toBe(false);
	});
});

describe('parseBucketSettings', () => {
	const fallback = { capacity: 30, windowSeconds: 60 };
	it('reads max/seconds', () => {
		expect(parseBucketSettings('5/10', fallback)).toEqual({ capacity: 5, windowSeconds: 10 });
	});
	it('falls back on anything else', () => {
		for (const text of [undefined, '', '0/10', '5/0', 'x/y', '5', '-1/3', '1.5/3'])
			expect(parseBucketSettings(text, fallback)).toEqual(fallback);
	});
});
