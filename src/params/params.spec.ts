import { describe, expect, it } from 'vitest';
import { match as code } from './code';
import { match as id } from './id';

describe('the id of an address', () => {
	it('is a positive whole number', () => {
		for (const good of ['1', '42', '999999999999999']) expect(id(good)).toBe(true);
		for (const bad of ['0', '-1', '01', '1.5', '1e3', ' 1', 'abc', '', '9999999999999999'])
			expect(id(bad)).toBe(false);
	});
});

describe('the code of an address', () => {
	it('is letters, digits and -, in either case', () => {
		for (const good of ['PROT', 'PROT-02', 'prot-02', 'KH-12', 'kh-25'])
			expect(code(good)).toBe(true);
		for (const bad of ['', '-PROT', 'PR OT', 'PROT_02', 'ប', 'A'.repeat(41), '%00'])
			expect(code(bad)).toBe(false);
	});
});
