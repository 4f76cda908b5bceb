/**
 * A refusal reaches the reader in the interface's language: an admin with the Khmer interface
 * who creates an account that exists already, and a reviewer who approves a submission that is
 * approved already, read why in Khmer.
 */
import { expect, test } from '@playwright/test';
import { readFileSync } from 'node:fs';
import { BASE_URL, client, signInPage, submissionId } from './helpers';

const km: Record<string, string> = JSON.parse(readFileSync('messages/km.json', 'utf8'));
const en: Record<string, string> = JSON.parse(readFileSync('messages/en.json', 'utf8'));

test('an admin with the Khmer interface is told in Khmer that an account exists already', async ({
	page,
	context
}) => {
	await signInPage(page, 'admin');
	await context.addCookies([{ name: 'PARAGLIDE_LOCALE', value: 'km', url: BASE_URL }]);
	await page.goto('/admin/users');
	await page.locator('input[name=email]').fill('reviewer@demo.example');
	await page.locator('input[name=name]').fill('Another reviewer');
	await page.locator('select[name=role]').selectOption('reviewer');
	await page.locator('form[action="?/create"] button[type=submit]').click();
	await expect(page.getByRole('alert')).toHaveText(km.refused_email_exists);
	// What was typed stays in the form.
	await expect(page.locator('input[name=name]')).toHaveValue('Another reviewer');
});

test('a reviewer with the Khmer interface is told in Khmer why a step is refused', async () => {
	const id = submissionId('CWCC', '2001Q2', 'approved');
	const reviewer = await client('reviewer');
	await reviewer.post('/language', { form: { locale: 'km', redirectTo: '/' } });
	const answer = await reviewer.post(`/submissions/${id}?/approve`, { form: { comment: '' } });
	expect(answer.status()).toBe(409);
	const body = await answer.text();
	expect(body).toContain(km.refused_submission_approved);
	expect(body).not.toContain(en.refused_submission_approved);
	await reviewer.dispose();
});
