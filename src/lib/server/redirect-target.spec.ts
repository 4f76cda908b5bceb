import { describe, expect, it } from 'vitest';
import { safeRedirectTarget } from './redirect-target';

const go = (target: string | null) => safeRedirectTarget(target, '/home');

describe('safeRedirectTarget', () => {
	it('keeps a path of this site, with its query and fragment', () => {
		expect(go('/submissions/12?page=2#comments')).toBe('/submissions/12?page=2#comments');
		expect(go('/?map=PROT-02&year=2003')).toBe('/?map=PROT-02&year=2003');
	});

	it('refuses every spelling of another host', () => {
		for (const target of [
			'//evil.example',
			'/\\evil.example',
			'/\\/evil.example',
			'\\\\evil.example',
			'/\t/evil.example',
			'/\n/evil.example',
			' //evil.example',
			'https://evil.example/',
			'https:evil.example',
			'javascript:alert(1)',
			'evil.example'
		])
			expect(go(target), JSON.stringify(target)).toBe('/home');
	});

	it('refuses the encoded forms once a form or URL has decoded them', () => {
		// `?redirectTo=/%5Cevil.example` and `/%09/evil.example` reach the server decoded.
		const decoded = (q: string) => new URLSearchParams(q).get('redirectTo');
		expect(go(decoded('redirectTo=/%5Cevil.example'))).toBe('/home');
		expect(go(decoded('redirectTo=/%09/evil.example'))).toBe('/home');
		expect(go(decoded('redirectTo=%2F%2Fevil.example'))).toBe('/home');
	});

	it('gives the fallback for nothing, or something absurdly long', () => {
		expect(go(null)).toBe('/home');
		expect(go('')).toBe('/home');
		expect(go('/' + 'a'.repeat(3000))).toBe('/home');
	});

	it('resolves dot segments, so the answer is what the browser will ask for', () => {
		expect(go('/a/../submissions')).toBe('/submissions');
		expect(go('/./\\evil.example')).toBe('/home');
	});
});
