import { expect, test, type Browser, type Page } from '@playwright/test';
import { signInPage, submissionId, type Account } from './helpers';

/** The public overview's plan-to-date figure of an indicator. */
async function publicToDate(browser: Browser, code: string): Promise<number> {
	const page = await browser.newPage();
	await page.goto('/');
	const text = await page
		.getByRole('row', { name: new RegExp(code) })
		.getByRole('cell')
		.first()
		.innerText();
	await page.close();
	return Number(text.replace(/,/g, ''));
}

async function as(browser: Browser, who: Account): Promise<Page> {
	const page = await (await browser.newContext()).newPage();
	await signInPage(page, who);
	return page;
}

test('a reporter submits, a reviewer returns it, the reporter resubmits, the reviewer approves, the public sees it', async ({
	browser
}) => {
	const id = submissionId('LICADHO', '2004Q4', 'draft');
	const before = await publicToDate(browser, 'PROT-04');

	// The reporter sees its own submissions only, and its draft.
	const reporter = await as(browser, 'licadho');
	const reporters = await reporter.locator('tbody tr td:nth-child(2)').allInnerTexts();
	expect(reporters.length).toBeGreaterThan(10);
	expect(new Set(reporters)).toEqual(new Set(['LICADHO']));
	await reporter.getByRole('link', { name: `#${id}` }).click();
	await expect(reporter.getByRole('heading', { level: 1 })).toHaveText(`Submission ${id}`);
	// What approving it will add to the published total of PROT-04
	const rows = reporter
		.getByRole('row')
		.filter({ hasText: 'PROT-04' })
		.filter({ hasText: 'All ages' });
	const added = (await rows.locator('td:nth-child(6)').allInnerTexts())
		.map((v) => Number(v.replace(/,/g, '')))
		.reduce((a, b) => a + b, 0);
	expect(added).toBeGreaterThan(0);
	await reporter.getByRole('button', { name: 'Submit for review' }).click();
	await expect(reporter.getByRole('status')).toHaveText('Done: the submission is now submitted.');

	// The reviewer finds it in the queue and returns it with a comment.
	const reviewer = await as(browser, 'reviewer');
	await reviewer.goto('/review');
	await reviewer.getByRole('link', { name: `#${id}` }).click();
	await reviewer
		.getByLabel('What must be fixed (required)')
		.fill('The Kampot figures look doubled: please check.');
	await reviewer.getByRole('button', { name: 'Return to the reporter' }).click();
	await expect(reviewer.getByRole('status')).toHaveText('Done: the submission is now returned.');
	expect(await publicToDate(browser, 'PROT-04')).toBe(before);

	// The reporter reads the comment and submits again.
	await reporter.reload();
	await expect(reporter.getByText('The Kampot figures look doubled: please check.')).toBeVisible();
	await reporter.getByRole('button', { name: 'Submit for review' }).click();
	await expect(reporter.getByRole('status')).toHaveText('Done: the submission is now submitted.');
	expect(await publicToDate(browser, 'PROT-04')).toBe(before);

	// The reviewer approves: the public sees the figures at the next release of the calendar…
	await reviewer.goto(`/submissions/${id}`);
	await reviewer.getByRole('button', { name: 'Approve', exact: true }).click();
	await expect(reviewer.getByRole('status')).toHaveText('Done: the submission is now approved.');
	await expect(
		reviewer.getByText(/the public will see these figures at the next release/)
	).toBeVisible();
	expect(await publicToDate(browser, 'PROT-04')).toBe(before);

	// …or when an admin publishes now, with a reason.
	const admin = await as(browser, 'admin');
	await admin.goto('/admin/privacy');
	await admin.getByLabel(/Reason for publishing now/).fill('Figures for the donors meeting');
	await admin.getByRole('button', { name: 'Publish now' }).click();
	await expect(admin.getByRole('status')).toHaveText(/Release \d+ is published/);
	expect(await publicToDate(browser, 'PROT-04')).toBe(before + added);

	// It is in the audit log, with who did what.
	await admin.goto(`/admin/audit?subject=submission:${id}`);
	const actions = await admin.locator('tbody td:nth-child(3)').allInnerTexts();
	expect(actions).toEqual([
		'submission.approve',
		'submission.submit',
		'submission.return',
		'submission.submit'
	]);
});

test('signing in with a wrong password says so without saying which part was wrong', async ({
	page
}) => {
	await page.goto('/submissions');
	await expect(page).toHaveURL(/\/sign-in\?redirectTo=%2Fsubmissions$/);
	await page.getByLabel('E-mail address').fill('reviewer@demo.example');
	await page.getByLabel('Password').fill('not-the-password');
	await page.getByRole('button', { name: 'Sign in' }).last().click();
	await expect(page.getByRole('alert')).toHaveText(
		'The e-mail address or the password is not correct.'
	);
	await page.getByLabel('E-mail address').fill('nobody@demo.example');
	await page.getByLabel('Password').fill('not-the-password');
	await page.getByRole('button', { name: 'Sign in' }).last().click();
	await expect(page.getByRole('alert')).toHaveText(
		'The e-mail address or the password is not correct.'
	);
});

test('the session cookie is HttpOnly and SameSite=Lax, and signing out ends it', async ({
	page,
	context
}) => {
	await signInPage(page, 'reviewer');
	const cookie = (await context.cookies()).find((c) => c.name.includes('session_token'));
	expect(cookie).toMatchObject({ httpOnly: true, sameSite: 'Lax' });
	await page.getByRole('button', { name: 'Sign out' }).click();
	await expect(page).toHaveURL(/\/$/);
	// The old cookie is worthless even if someone kept it.
	if (cookie) await context.addCookies([cookie]);
	await page.goto('/review');
	await expect(page).toHaveURL(/\/sign-in/);
});
