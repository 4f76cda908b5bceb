import { expect, test } from '@playwright/test';

test('the overview shows the plan, its five areas and their indicators from the demonstration data', async ({
	page
}) => {
	await page.goto('/');
	await expect(page.getByRole('heading', { level: 1 })).toContainText(
		'National Five-Year Plan against Trafficking'
	);
	await expect(page.getByRole('note')).toContainText('Demonstration data');
	const areas = page.getByRole('heading', { level: 2 });
	await expect(areas).toHaveText([
		'Map',
		'Prevention',
		'Protection',
		'Recovery & rehabilitation',
		'Reintegration',
		'Coordination & cooperation'
	]);
	await expect(page.locator('tbody tr')).toHaveCount(29);
	await expect(page.getByText('Approved figures up to 2004 Q4')).toBeVisible();
	// An indicator that counts no children: its figure is never withheld (which cells of a
	// sensitive one are follows a secret order, so its total may be).
	const arrests = page.getByRole('row', { name: /PROT-03/ });
	await expect(arrests).toContainText(/On track|At risk|Off track/);
	await expect(arrests.getByRole('cell').first()).toHaveText(/^\d{1,3}(,\d{3})*$/);
});

test('an indicator page shows the definition, targets and yearly figures', async ({ page }) => {
	await page.goto('/');
	await page.getByRole('link', { name: /PROT-02/ }).click();
	await expect(page).toHaveURL(/\/indicators\/PROT-02$/);
	await expect(page.getByRole('heading', { level: 1 })).toContainText(
		'Victims rescued from sexual exploitation'
	);
	await expect(page.getByText('Counts of children')).toBeVisible();
	const years = page.getByRole('table').getByRole('row');
	// header, baseline, five years and the whole plan, whose target is the card's
	await expect(years).toHaveCount(8);
	await expect(years.nth(1)).toContainText('Baseline (1999)');
	await expect(years.nth(1)).toContainText('200');
	await expect(years.nth(6)).toContainText('End-of-plan target (2004)');
	await expect(years.nth(6)).toContainText('500');
	await expect(years.last()).toContainText('Whole plan (2000–2004)');
	const card = page.locator('dl.figures > div', {
		hasText: 'Plan target (the yearly milestones added up)'
	});
	await expect(years.last().locator('td').first()).toHaveText(
		(await card.locator('dd').innerText()).trim()
	);
});

test('an unknown indicator is a 404 page', async ({ page }) => {
	const response = await page.goto('/indicators/PROT-99');
	expect(response?.status()).toBe(404);
	await expect(page.getByRole('heading', { level: 1 })).toHaveText('Page not found');
});

test('the language switch shows the page in Khmer and is remembered', async ({ page }) => {
	await page.goto('/indicators/PROT-02');
	await page.getByRole('button', { name: 'ខ្មែរ' }).click();
	await expect(page).toHaveURL(/\/indicators\/PROT-02$/);
	await expect(page.locator('html')).toHaveAttribute('lang', 'km');
	await expect(page.getByRole('heading', { level: 1 })).toContainText(
		'ជនរងគ្រោះដែលត្រូវបានជួយសង្គ្រោះពីការកេងប្រវ័ញ្ចផ្លូវភេទ'
	);
	await page.goto('/');
	await expect(page.getByRole('heading', { level: 2, name: 'ការបង្ការ' })).toBeVisible();
	await expect(page.getByRole('note')).toContainText('ទិន្នន័យសាកល្បង');
	await page.getByRole('button', { name: 'English' }).click();
	await expect(page.getByRole('heading', { level: 2, name: 'Prevention' })).toBeVisible();
});

test('pages carry security headers and a content security policy', async ({ request }) => {
	const response = await request.get('/');
	const headers = response.headers();
	expect(headers['x-content-type-options']).toBe('nosniff');
	expect(headers['x-frame-options']).toBe('DENY');
	expect(headers['content-security-policy']).toContain("frame-ancestors 'none'");
});
