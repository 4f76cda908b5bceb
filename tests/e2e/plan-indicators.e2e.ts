import { expect, test } from '@playwright/test';
import { BASE_URL, signInPage } from './helpers';

/**
 * The secretariat adds an indicator in English and Khmer, assigns it to LICADHO, whose template
 * then offers it and whose upload of it is accepted; once retired, its public page still reads
 * (marked retired) and a new upload of it is rejected row by row with the reason. PROT-90 and
 * LICADHO's 2002Q3 and 2002Q4 are used by no other test.
 */
const NAME_EN = 'Child victims given a safe-house place';
const NAME_KM = 'កុមាររងគ្រោះដែលទទួលបានកន្លែងស្នាក់នៅសុវត្ថិភាព';

const upload = (period: string, value: number) => ({
	name: `licadho-${period}.csv`,
	mimeType: 'text/csv',
	buffer: Buffer.from(
		`reporter,indicator,province,period,sex,age_group,value\nLICADHO,PROT-90,,${period},total,all,${value}\n`
	)
});

test('an admin adds PROT-90 in both languages and assigns it to LICADHO; LICADHO’s template offers it and its upload is accepted; retired, its page still reads and a new upload is rejected with the reason', async ({
	page,
	browser
}) => {
	await signInPage(page, 'admin');
	await page.goto('/admin/plan');
	const add = page.getByRole('region', { name: 'Add an indicator' });
	await add.getByLabel('Area').selectOption('PROT');
	await add.getByLabel('Code').fill('PROT-90');
	await add.getByLabel('Name in English').fill(NAME_EN);
	await add.getByLabel('Name in Khmer').fill(NAME_KM);
	await add
		.getByLabel('Definition in English')
		.fill('Children placed in a safe house in the quarter.');
	await add.getByLabel('Definition in Khmer').fill('កុមារដែលត្រូវបានដាក់ក្នុងផ្ទះសុវត្ថិភាពក្នុងត្រីមាស។');
	await add.getByLabel('Unit').selectOption('count');
	await add.getByLabel('Over a year').selectOption('sum');
	await add.getByLabel('Good direction').selectOption('increase');
	await add.getByLabel('Female', { exact: true }).check();
	await add.getByLabel('Male', { exact: true }).check();
	await add.getByRole('checkbox', { name: /Counts children/ }).check();
	await add.getByLabel('Baseline (1999)').fill('0');
	await add.getByLabel('End-of-plan target (2004)').fill('120');
	await add.getByLabel('Milestone 2002').fill('40');
	await add.getByRole('button', { name: 'Add the indicator' }).click();
	await expect(page.getByRole('status')).toContainText('Added: PROT-90 is in the plan.');
	await expect(page.getByRole('link', { name: `PROT-90 ${NAME_EN}` })).toBeVisible();

	// A second indicator with the same code is refused with the reason.
	await add.getByLabel('Area').selectOption('PROT');
	await add.getByLabel('Code').fill('prot-90');
	await add.getByLabel('Name in English').fill('Again');
	await add.getByLabel('Name in Khmer').fill(NAME_KM);
	await add.getByLabel('Definition in English').fill('Again.');
	await add.getByLabel('Definition in Khmer').fill('ម្ដងទៀត។');
	await add.getByLabel('Baseline (1999)').fill('0');
	await add.getByLabel('End-of-plan target (2004)').fill('1');
	await add.getByRole('button', { name: 'Add the indicator' }).click();
	await expect(page.getByRole('alert')).toHaveText(
		'The plan has an indicator PROT-90 already: choose another code.'
	);

	// LICADHO reports it, beside two indicators it reported before.
	await page.goto('/admin/reporters');
	const licadho = page.locator('details.reporter', { hasText: 'LICADHO' });
	await licadho.locator('summary').click();
	for (const code of ['PROT-04', 'PROT-07', 'PROT-90'])
		await licadho.getByRole('checkbox', { name: new RegExp(`^${code} `) }).check();
	await licadho.getByRole('button', { name: 'Save the indicators' }).click();
	await expect(page.getByRole('status')).toHaveText(
		'Saved: LICADHO reports PROT-04, PROT-07, PROT-90.'
	);

	// As LICADHO: the template offers it, in English and in Khmer, and an upload of it is a draft.
	const reporter = await browser.newPage();
	await signInPage(reporter, 'licadho');
	const english = await (
		await reporter.request.get('/submissions/template.csv?period=2002Q4')
	).text();
	expect(english).toContain(`LICADHO,PROT-90,${NAME_EN},`);
	expect(english).not.toContain('PREV-01');
	await reporter.context().addCookies([{ name: 'PARAGLIDE_LOCALE', value: 'km', url: BASE_URL }]);
	const khmer = await (
		await reporter.request.get('/submissions/template.csv?period=2002Q4')
	).text();
	expect(khmer).toContain(`LICADHO,PROT-90,${NAME_KM},`);
	await reporter.context().addCookies([{ name: 'PARAGLIDE_LOCALE', value: 'en', url: BASE_URL }]);

	await reporter.goto('/submissions/new');
	await reporter.locator('input[type=file]').setInputFiles(upload('2002Q4', 7));
	await reporter.getByRole('button', { name: 'Upload and check' }).click();
	await expect(reporter).toHaveURL(/\/submissions\/\d+$/);
	await expect(reporter.getByText(/1 valid, 0 rejected/)).toBeVisible();
	await expect(reporter.getByRole('button', { name: 'Submit for review' })).toBeVisible();

	// The admin retires it, with a reason.
	await page.goto('/admin/plan/PROT-90');
	const retire = page.getByRole('region', { name: 'Retire the indicator' });
	await retire
		.getByLabel(/^Reason for retiring it/)
		.fill('Merged into RECO-01 at the mid-term review');
	await retire.getByRole('button', { name: 'Retire the indicator' }).click();
	await expect(retire.getByRole('status')).toContainText('PROT-90 is retired from the plan since');
	await page.goto('/admin/audit?action=plan.indicator');
	await expect(page.getByRole('table')).toContainText('plan.indicator.retire');
	await expect(page.getByRole('table')).toContainText('plan.indicator.add');

	// Its public page still reads, marked retired, from the next release.
	await page.goto('/admin/privacy');
	await page.getByLabel(/Reason for publishing now/).fill('PROT-90 added and retired');
	await page.getByRole('button', { name: 'Publish now' }).click();
	await expect(page.getByRole('status')).toHaveText(/Release \d+ is published/);
	const visitor = await browser.newPage();
	const answer = await visitor.goto('/indicators/PROT-90');
	expect(answer?.status()).toBe(200);
	await expect(visitor.getByRole('heading', { level: 1 })).toContainText(NAME_EN);
	await expect(visitor.getByText(/^Retired from the plan on \d{4}-\d{2}-\d{2}$/)).toBeVisible();
	await visitor.close();

	// A new upload of it is rejected, row by row, with the reason; the template no longer offers it.
	const after = await (
		await reporter.request.get('/submissions/template.csv?period=2002Q3')
	).text();
	expect(after).not.toContain('PROT-90');
	expect(after).toContain('PROT-07');
	await reporter.goto('/submissions/new');
	await reporter.locator('input[type=file]').setInputFiles(upload('2002Q3', 5));
	await reporter.getByRole('button', { name: 'Upload and check' }).click();
	await expect(reporter).toHaveURL(/\/submissions\/\d+$/);
	const rejected = reporter.getByRole('table', { name: 'Rejected rows' }).getByRole('row').nth(1);
	await expect(rejected).toContainText(
		/PROT-90 was retired from the plan on \d{4}-\d{2}-\d{2}: it takes no new figures/
	);
	await reporter.close();
});
