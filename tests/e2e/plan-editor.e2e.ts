import { expect, test } from '@playwright/test';
import { signInPage } from './helpers';

/**
 * The secretariat revises a target in the app: the reason is required, the revision is kept in
 * the indicator's history and in the audit log, and the public page shows the new target with
 * the revision's date and reason from the next release.
 */
test('an admin revises PROT-02’s 2003 milestone with a reason; the history, the audit log and, from the next release, the public page show it', async ({
	page,
	browser
}) => {
	await signInPage(page, 'admin');
	await page.getByRole('link', { name: 'Plan', exact: true }).click();
	await expect(page.getByRole('heading', { level: 1 })).toHaveText('Plan and targets');
	await page.getByRole('link', { name: /^PROT-02 / }).click();
	await expect(page.getByRole('heading', { level: 1 })).toContainText('Targets of PROT-02');

	const form = page.getByRole('region', { name: 'Revise a target' });
	await form.getByLabel('Target').selectOption({ label: 'Milestone 2003' });
	await form.getByLabel('New value').fill('321');
	// No reason: the browser asks for one; the server refuses one made of spaces.
	await form.getByLabel(/^Reason for the revision/).fill('   ');
	await form.getByRole('button', { name: 'Save the revision' }).click();
	await expect(page.getByRole('alert')).toHaveText('A reason is required.');

	await form.getByLabel('Target').selectOption({ label: 'Milestone 2003' });
	await form.getByLabel('New value').fill('321');
	await form.getByLabel(/^Reason for the revision/).fill('Mid-term review, June 2003');
	await form.getByRole('button', { name: 'Save the revision' }).click();
	await expect(page.getByRole('status')).toContainText('Milestone 2003 is now 321');
	const inForce = page.getByRole('table', { name: 'Targets in force' });
	await expect(inForce.getByRole('row', { name: /Milestone 2003/ })).toContainText('321');
	const history = page.getByRole('region', { name: 'Revisions' });
	await expect(history).toContainText('Mid-term review, June 2003');
	await expect(history.getByRole('row').nth(1)).toContainText('321');

	await page.goto('/admin/audit?action=plan.target');
	await expect(page.getByRole('table')).toContainText('plan.target.revise');
	await expect(page.getByRole('table')).toContainText('indicator:PROT-02');

	// The public sees it from the next release, here made at once, with a reason.
	await page.goto('/admin/privacy');
	await page.getByLabel(/Reason for publishing now/).fill('Targets revised at the mid-term review');
	await page.getByRole('button', { name: 'Publish now' }).click();
	await expect(page.getByRole('status')).toHaveText(/Release \d+ is published/);

	const visitor = await browser.newPage();
	await visitor.goto('/indicators/PROT-02');
	const targets = visitor.getByRole('region', { name: 'Targets and yearly figures' });
	await expect(targets.getByRole('row', { name: /^2003/ })).toContainText('321');
	await expect(targets).toContainText('(Mid-term review, June 2003)');
	await targets.getByText('Earlier targets and their revisions').click();
	await expect(targets.getByRole('row', { name: /Milestone 2003/ })).toContainText('321');
	await visitor.close();
});
