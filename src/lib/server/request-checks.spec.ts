import { describe, expect, it } from 'vitest';
import { FORM_BYTES, refusalOf } from './request-checks';

const ORIGIN = 'http://localhost:3000';
const post = (headers: Record<string, string>, method = 'POST') =>
	new Request(`${ORIGIN}/sign-out`, { method, headers });
const form = { origin: ORIGIN, 'content-type': 'application/x-www-form-urlencoded' };

describe('refusalOf', () => {
	it('lets reads through, whatever they carry', () => {
		expect(refusalOf(new Request(`${ORIGIN}/`), ORIGIN)).toBe(null);
		expect(refusalOf(post({ origin: 'https://evil.example' }, 'HEAD'), ORIGIN)).toBe(null);
	});

	it('lets this site’s forms through', () => {
		expect(refusalOf(post(form), ORIGIN)).toBe(null);
		expect(
			refusalOf(post({ origin: ORIGIN, 'content-type': 'multipart/form-data; boundary=x' }), ORIGIN)
		).toBe(null);
	});

	it('refuses a change from another site, or from nowhere, even without a body', () => {
		expect(refusalOf(post({ origin: 'https://evil.example' }), ORIGIN)).toMatchObject({
			status: 403
		});
		expect(refusalOf(post({}), ORIGIN)).toMatchObject({ status: 403 });
		expect(refusalOf(post({ ...form, origin: 'null' }), ORIGIN)).toMatchObject({ status: 403 });
		for (const method of ['PUT', 'PATCH', 'DELETE'])
			expect(refusalOf(post({ origin: 'https://evil.example' }, method), ORIGIN)).toMatchObject({
				status: 403
			});
	});

	it('refuses bodies that are not forms, and compressed bodies', () => {
		for (const type of ['text/plain', 'application/json', ''])
			expect(refusalOf(post({ origin: ORIGIN, 'content-type': type }), ORIGIN), type).toEqual({
				status: 415,
				message: 'type'
			});
		expect(refusalOf(post({ origin: ORIGIN }), ORIGIN)).toMatchObject({ status: 415 });
		expect(refusalOf(post({ ...form, 'content-encoding': 'gzip' }), ORIGIN)).toEqual({
			status: 415,
			message: 'encoding'
		});
		expect(refusalOf(post({ ...form, 'content-encoding': 'identity' }), ORIGIN)).toBe(null);
	});

	it('refuses a large form without files', () => {
		expect(
			refusalOf(post({ ...form, 'content-length': String(FORM_BYTES + 1) }), ORIGIN)
		).toMatchObject({ status: 413 });
	});
});
