import { describe, expect, it } from 'vitest';
import { generatePassword } from './users';
import { MIN_PASSWORD } from '../domain/limits';
import { passwordProblem } from './password-rule';

describe('passwordProblem', () => {
	it('refuses what the attacker test got through', () => {
		expect(passwordProblem('aaaaaaaaaaaa')).toBe('one_character');
		expect(passwordProblem('aaaaaaaaaa')).toBe('too_short');
		expect(passwordProblem('password12')).toBe('too_short');
		expect(passwordProblem(' '.repeat(12))).toBe('blank');
		expect(passwordProblem('\t'.repeat(20))).toBe('blank');
	});

	it('refuses common passwords, whatever their case', () => {
		expect(passwordProblem('password1234')).toBe('common');
		expect(passwordProblem('1234567890ab')).toBe(null);
		expect(passwordProblem('PASSWORD1234')).toBe('common');
		expect(passwordProblem('  password1234  ')).toBe('common');
	});

	it('takes a long, uncommon password, in any script', () => {
		expect(passwordProblem('correct horse battery staple')).toBe(null);
		expect(passwordProblem('ពាក្យសម្ងាត់វែងល្អណាស់')).toBe(null);
		expect(passwordProblem('demo-admin-2004')).toBe(null);
	});

	it('counts characters, not UTF-16 units, for the minimum', () => {
		expect(passwordProblem('😀'.repeat(MIN_PASSWORD - 1))).toBe('too_short');
	});

	it('refuses what is too long to be worth hashing', () => {
		expect(passwordProblem('x1'.repeat(65))).toBe('too_long');
	});

	it('passes every generated password', () => {
		for (let i = 0; i < 50; i++) expect(passwordProblem(generatePassword())).toBe(null);
	});
});
