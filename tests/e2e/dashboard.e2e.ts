/**
 * The public pages as the public gets them: complete without JavaScript (charts are SVG drawn on
 * the server), accessible (axe-core finds no serious or critical violation), and private (no
 * figure from 1 to 9 of a sensitive indicator, and no withheld figure that the published ones
 * give back by addition or subtraction, in any page or download).
 */
import AxeBuilder from '@axe-core/playwright';
import { expect, test } from '@playwright/test';
import Papa from 'papaparse';
import { recoverableCells } from '../support/disclosure-audit';
import { BASE_URL, chartsOffered, client, database } from './helpers';

const PAGES: { path: string; charts: number }[] = [
	{ path: '/', charts: 1 },
	{ path: '/areas/PROT', charts: 7 },
	{ path: '/indicators/PROT-02', charts: 4 },
	{ path: '/indicators/PROT-07', charts: 4 },
	{ path: '/indicators/COOR-03', charts: 1 },
	{ path: '/provinces', charts: 0 },
	{ path: '/provinces/KH-12', charts: 0 },
	{ path: '/data', charts: 0 },
	{ path: '/methodology', charts: 0 },
	{ path: '/methodology/progress', charts: 0 }
];

test('public pages answer no page data, and no text narrows a withheld figure', async ({
	request
}) => {
	for (const { path } of PAGES) {
		const data = await request.get(`${path === '/' ? '' : path}/__data.json`);
		expect(data.status(), `${path}/__data.json`).toBe(404);
		const html = await (await request.get(path)).text();
		// One word for every withheld figure: nothing says "below 10" of one that may be 42.
		expect(html, path).not.toMatch(/&lt;\s*10|<\s*10\b/);
		expect(html, path).not.toMatch(/complementary|"primary"/);
	}
});

test.describe('without JavaScript', () => {
	test.use({ javaScriptEnabled: false });
	for (const { path, charts } of PAGES)
		test(`${path} is whole, its charts drawn as SVG`, async ({ page }) => {
			const response = await page.goto(path);
			expect(response?.status()).toBe(200);
			await expect(page.locator('svg[role="img"]')).toHaveCount(charts);
			for (const svg of await page.locator('svg[role="img"]').all()) {
				await expect(svg.locator(':scope > title')).not.toBeEmpty();
				await expect(svg.locator(':scope > desc')).not.toBeEmpty();
			}
			// Public pages ship no script at all.
			await expect(page.locator('script[src], script[type="module"]')).toHaveCount(0);
		});

	test('the overview map changes with the indicator chosen in its form', async ({ page }) => {
		await page.goto('/');
		await page.getByLabel('Indicator on the map').selectOption('PROT-07');
		await page.getByRole('button', { name: 'Show' }).click();
		await expect(page).toHaveURL(/\?map=PROT-07&year=$/);
		await expect(page.locator('#overview-map-title')).toContainText('PROT-07');
		await page.getByLabel('Year').selectOption('2003');
		await page.getByRole('button', { name: 'Show' }).click();
		await expect(page).toHaveURL(/\?map=PROT-07&year=2003$/);
		await expect(page.locator('#overview-map-title')).toContainText('PROT-07');
		await expect(page.locator('#overview-map-title')).toContainText('2003 by province');
	});
});

test.describe('accessibility', () => {
	for (const { path } of PAGES)
		for (const locale of ['en', 'km'])
			test(`${path} in ${locale} has no serious or critical axe violation`, async ({
				page,
				context
			}) => {
				await context.addCookies([{ name: 'PARAGLIDE_LOCALE', value: locale, url: BASE_URL }]);
				await page.goto(path);
				// Open every table alternative, so that they are checked too.
				for (const details of await page.locator('details').all())
					await details.evaluate((d) => d.setAttribute('open', ''));
				const { violations } = await new AxeBuilder({ page }).analyze();
				const serious = violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
				expect(
					serious.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`)
				).toEqual([]);
			});
});

test('every chart downloads as an SVG file and as a PNG image', async () => {
	const http = await client('public');
	// Every chart the page draws, and only those, is offered as a file.
	const charts = await chartsOffered(http, 'PROT-02');
	expect(charts).toHaveLength(PAGES.find((p) => p.path === '/indicators/PROT-02')!.charts);
	for (const chart of charts) {
		const response = await http.get(`/indicators/PROT-02/${chart}.svg`);
		expect(response.status(), chart).toBe(200);
		expect(response.headers()['content-type']).toContain('image/svg+xml');
		const text = await response.text();
		expect(text).toMatch(/^<\?xml[^>]*>\s*<svg xmlns="http:\/\/www.w3.org\/2000\/svg"/);
		expect(text).not.toContain('<!--');
	}
	expect((await http.get('/indicators/COOR-03/map.svg')).status()).toBe(404);
	for (const chart of charts) {
		const response = await http.get(`/indicators/PROT-02/${chart}.png`);
		expect(response.status(), chart).toBe(200);
		expect(response.headers()['content-type']).toBe('image/png');
		const png = await response.body();
		expect(png.subarray(1, 4).toString('latin1')).toBe('PNG');
		expect(png.length).toBeGreaterThan(5000);
	}
	expect((await http.get('/indicators/COOR-03/map.png')).status()).toBe(404);
});

interface Row {
	indicator: string;
	table: string;
	period: string;
	province: string;
	sex: string;
	age_group: string;
	value: string;
	suppressed: string;
}

test('no public page or download shows a small count of children, or lets one be worked out', async () => {
	const db = database();
	const sensitive = (
		db.prepare('SELECT code FROM indicator WHERE sensitive = 1').all() as { code: string }[]
	).map((r) => r.code);
	db.close();
	expect(sensitive.length).toBeGreaterThan(5);
	const http = await client('public');
	const all = Papa.parse<Row>(await (await http.get('/data/figures.csv')).text(), {
		header: true,
		skipEmptyLines: true
	}).data;
	let withheld = 0;
	for (const code of sensitive) {
		const rows = Papa.parse<Row>(await (await http.get(`/indicators/${code}/data.csv`)).text(), {
			header: true,
			skipEmptyLines: true
		}).data;
		expect(rows).toEqual(all.filter((r) => r.indicator === code));
		for (const r of rows) {
			if (r.suppressed === 'true') {
				withheld++;
				expect(r.value, `${code} ${r.table} ${r.period} ${r.province}`).toBe('');
			} else {
				const value = Number(r.value);
				expect(value === 0 || value >= 10, `${code} ${r.table} ${r.period} = ${value}`).toBe(true);
			}
		}
		// Every sensitive indicator has demonstration figures: the relations are exercised.
		expect(
			rows.find((r) => r.table === 'plan'),
			`${code} plan to date`
		).toBeDefined();
		// Years, quarters, provinces by year and to date, the national programmes, the national
		// total, sexes and ages: nothing withheld follows from what is published.
		const records = rows.map((r) => ({
			...r,
			value: r.value === '' ? null : Number(r.value),
			suppressed: r.suppressed === 'true'
		}));
		expect(recoverableCells(records), code).toEqual([]);

		// The page's map table says exactly what the download says, province by province.
		const html = await (await http.get(`/indicators/${code}`)).text();
		const gap = '(?:<!--[^>]*-->|\\s)*';
		for (const r of rows.filter((r) => r.table === 'province' && r.province.startsWith('KH'))) {
			const cell = new RegExp(
				`href="(?:\\.\\./|/)provinces/${r.province}">[^<]*</a>${gap}</th>${gap}<td class="num">([^<]*)</td>`
			).exec(html);
			expect(cell, `${code} ${r.province} on the page`).not.toBeNull();
			const text = (cell as RegExpExecArray)[1].trim();
			if (r.suppressed === 'true') expect(text).toBe('withheld');
			else expect(Number(text.replace(/,/g, ''))).toBe(Number(r.value));
		}
	}
	// Each province's page says, for every sensitive indicator, what the download says.
	const provinces = [...new Set(all.filter((r) => r.table === 'province').map((r) => r.province))];
	for (const province of provinces.filter((p) => p.startsWith('KH'))) {
		const html = await (await http.get(`/provinces/${province}`)).text();
		for (const code of sensitive) {
			const r = all.find(
				(x) => x.indicator === code && x.table === 'province' && x.province === province
			);
			const cell = new RegExp(
				`indicators/${code}">[^<]*</a>(?:<!--[^>]*-->|\\s)*</th>(?:<!--[^>]*-->|\\s)*<td class="num">([^<]*)</td>`
			).exec(html);
			expect(cell, `${province} ${code}`).not.toBeNull();
			const text = (cell as RegExpExecArray)[1].trim();
			if (!r) expect(text, `${province} ${code}`).toBe('–');
			else if (r.suppressed === 'true') expect(text, `${province} ${code}`).toBe('withheld');
			else expect(Number(text.replace(/,/g, '')), `${province} ${code}`).toBe(Number(r.value));
		}
	}
	// The demonstration data has small counts: the rule is exercised, not vacuous.
	expect(withheld).toBeGreaterThan(20);
});

test('reviewers see every figure, and can see what the public sees', async () => {
	const reviewer = await client('reviewer');
	const full = Papa.parse<Row>(await (await reviewer.get('/indicators/PROT-07/data.csv')).text(), {
		header: true,
		skipEmptyLines: true
	}).data;
	expect(full.filter((r) => r.suppressed === 'true')).toEqual([]);
	const preview = Papa.parse<Row>(
		await (await reviewer.get('/indicators/PROT-07/data.csv?public')).text(),
		{ header: true, skipEmptyLines: true }
	).data;
	const anonymous = Papa.parse<Row>(
		await (await (await client('public')).get('/indicators/PROT-07/data.csv')).text(),
		{ header: true, skipEmptyLines: true }
	).data;
	expect(preview).toEqual(anonymous);
	expect(anonymous.some((r) => r.suppressed === 'true')).toBe(true);
	const page = await reviewer.get('/indicators/PROT-07');
	expect(await page.text()).toContain('every approved figure is shown');
});

test('reviewers preview what approving a submission would publish; the public cannot ask', async () => {
	const db = database();
	const waiting = db
		.prepare(
			`SELECT s.id, v.indicator_code AS code FROM submission s
			 JOIN submission_value v ON v.submission_id = s.id WHERE s.status = 'submitted' LIMIT 1`
		)
		.get() as { id: number; code: string };
	db.close();
	const reviewer = await client('reviewer');
	const preview = await (
		await reviewer.get(`/indicators/${waiting.code}?preview=${waiting.id}`)
	).text();
	expect(preview).toContain(`if submission ${waiting.id} is approved`);
	const submitted = await (await reviewer.get(`/indicators/${waiting.code}?submitted`)).text();
	expect(submitted).toContain('values still in review');
	// Every public page and download takes the same views.
	expect(await (await reviewer.get('/?submitted')).text()).toContain('values still in review');
	const previewCsv = await reviewer.get(
		`/indicators/${waiting.code}/data.csv?preview=${waiting.id}`
	);
	expect(previewCsv.status()).toBe(200);
	const anonymous = await (
		await (await client('public')).get(`/indicators/${waiting.code}?preview=${waiting.id}`)
	).text();
	expect(anonymous).not.toContain('if submission');
	expect(anonymous).not.toContain('values still in review');
});

test('the privacy page logs each release and refuses a k below 5', async () => {
	const admin = await client('admin');
	const page = await (await admin.get('/admin/privacy')).text();
	expect(page).toContain('demonstration data loaded');
	const refused = await admin.post('/admin/privacy?/threshold', { form: { k: '3' } });
	expect(refused.status()).toBe(400);
	const again = await (await admin.get('/admin/privacy')).text();
	expect(again).toContain('value="10"');
});

test('public answers are kept per release: revalidated with a 304, compressed, never shared with a reviewer', async () => {
	const http = await client('public');
	const first = await http.get('/indicators/PROT-07', { headers: { 'accept-encoding': 'br' } });
	expect(first.headers()['content-encoding']).toBe('br');
	const etag = first.headers()['etag'];
	expect(etag).toMatch(/^"r\d+-/);
	expect(await first.text()).toContain('PROT-07');
	const again = await http.get('/indicators/PROT-07', { headers: { 'if-none-match': etag } });
	expect(again.status()).toBe(304);
	const reviewer = await client('reviewer');
	const own = await reviewer.get('/indicators/PROT-07');
	expect(own.headers()['etag'] ?? '').not.toMatch(/^"r\d+-/);
	expect(own.headers()['cache-control']).toBe('private, no-store');
	expect(await own.text()).toContain('every approved figure is shown');
});

test('reviewers drill down from an indicator to the submissions behind its figures; the public cannot', async () => {
	const reviewer = await client('reviewer');
	const page = await (await reviewer.get('/indicators/PROT-07?province=KH-12')).text();
	expect(page).toContain('Where the figures come from');
	const linked = [...page.matchAll(/href="[./]*\/?submissions\/(\d+)"/g)].map((m) => Number(m[1]));
	expect(linked.length).toBeGreaterThan(0);
	const db = database();
	const from = db
		.prepare(
			`SELECT DISTINCT submission_id AS id FROM data_value
			 WHERE indicator_code = 'PROT-07' AND province_code = 'KH-12'`
		)
		.all() as { id: number }[];
	db.close();
	// The 50 most recently approved, each one of those the figures came from.
	const ids = new Set(from.map((r) => r.id));
	expect(linked.every((id) => ids.has(id))).toBe(true);
	expect(new Set(linked).size).toBe(Math.min(50, ids.size));
	const anonymous = await (await (await client('public')).get('/indicators/PROT-07')).text();
	expect(anonymous).not.toContain('Where the figures come from');
});

test('the completeness page draws the reporter × quarter heat-map as an image with its table', async () => {
	const reviewer = await client('reviewer');
	const page = await (await reviewer.get('/completeness')).text();
	expect(page).toMatch(/<svg[^>]*role="img"[^>]*aria-labelledby="completeness-chart-title/);
	expect(page).toContain('Reports received, by organisation and quarter');
	expect(page).toContain('<table class="matrix');
});

test('every status badge links to how its status is judged, in both languages', async ({
	page,
	context
}) => {
	for (const [locale, title, onTrack] of [
		['en', 'How progress is judged', 'On track'],
		['km', 'របៀបវាយតម្លៃវឌ្ឍនភាព', 'តាមគម្រោង']
	]) {
		await context.addCookies([{ name: 'PARAGLIDE_LOCALE', value: locale, url: BASE_URL }]);
		await page.goto('/areas/PROT');
		const badge = page.locator('a.status').first();
		const status = (await badge.getAttribute('class'))
			?.split(' ')
			.find((c) => /^(on_track|at_risk|off_track|no_data|withheld)$/.test(c));
		await badge.click();
		await expect(page).toHaveURL(new RegExp(`/methodology/progress#${status}$`));
		await expect(page.getByRole('heading', { level: 1 })).toHaveText(title);
		await expect(page.locator(`#${status}`)).toBeVisible();
		await expect(page.locator('#on_track')).toContainText(onTrack);
		await expect(page.locator('#on_track + dd')).toContainText(locale === 'km' ? '៩០%' : '90%');
	}
});

test('the provinces have an index, each a page; an indicator reported nationally only says so instead of a blank map', async ({
	page
}) => {
	await page.goto('/');
	await page.getByRole('navigation').getByRole('link', { name: 'Provinces' }).click();
	await expect(page.getByRole('heading', { level: 1 })).toHaveText('Provinces');
	const links = page.locator('ul.provinces a');
	await expect(links).toHaveCount(25);
	await page.getByRole('link', { name: 'Phnom Penh' }).click();
	await expect(page).toHaveURL(/\/provinces\/KH-12$/);
	await page.getByRole('link', { name: /All provinces/ }).click();
	await expect(page).toHaveURL(/\/provinces$/);

	await page.goto('/indicators/PREV-08');
	const map = page.getByRole('region', { name: 'By province' });
	await expect(map).toContainText('reported nationally only');
	await expect(map.locator('svg')).toHaveCount(0);
	expect((await page.request.get('/indicators/PREV-08/map.svg')).status()).toBe(404);
});
