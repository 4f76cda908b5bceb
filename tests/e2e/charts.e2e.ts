/**
 * Charts as a reader sees them on a phone and on a laptop, in English and in Khmer: every text of
 * every chart at least 12 CSS pixels high (charts are drawn at the size they are shown, never
 * shrunk to fit), and no chart making the page scroll sideways.
 */
import { expect, test } from '@playwright/test';
import { BASE_URL } from './helpers';

const PAGES = ['/', '/areas/PROT', '/indicators/PROT-02'];
const SCREENS = [
	{ width: 390, height: 844 },
	{ width: 1366, height: 768 }
];

test.describe('without JavaScript', () => {
	test.use({ javaScriptEnabled: false });
	for (const viewport of SCREENS)
		for (const locale of ['en', 'km'])
			test(`chart text is at least 12 px at ${viewport.width} px in ${locale}`, async ({
				page,
				context
			}) => {
				await page.setViewportSize(viewport);
				await context.addCookies([{ name: 'PARAGLIDE_LOCALE', value: locale, url: BASE_URL }]);
				for (const path of PAGES) {
					await page.goto(path);
					const texts = await page.locator('svg[role="img"]').evaluateAll((svgs) =>
						svgs.flatMap((svg) =>
							[...svg.querySelectorAll('text')].flatMap((t) => {
								// A layout that is not shown at this width has no box.
								if (!t.getBoundingClientRect().width) return [];
								const ctm = t.getScreenCTM();
								const scale = ctm ? Math.hypot(ctm.a, ctm.b) : 1;
								const px = parseFloat(getComputedStyle(t).fontSize) * scale;
								return [{ text: t.textContent ?? '', px }];
							})
						)
					);
					expect(texts.length, path).toBeGreaterThan(5);
					expect(
						texts.filter((t) => t.px < 12),
						path
					).toEqual([]);
					const width = await page.evaluate(() => document.documentElement.scrollWidth);
					expect(width, `${path} scrolls sideways`).toBeLessThanOrEqual(viewport.width);
				}
			});
});

test.describe('maps without JavaScript', () => {
	test.use({ javaScriptEnabled: false });

	test('each province on a map is a link a keyboard reaches, named with its figure', async ({
		page
	}) => {
		await page.goto('/indicators/PROT-02');
		// The map's links lie over its image, in the group that holds both.
		const map = page.locator('svg[role="group"]', { has: page.locator('#chart-map-title') });
		const links = map.locator('a');
		await expect(links).toHaveCount(25);
		// Every name says the province and its figure, or that it is withheld or missing.
		for (const label of await links.evaluateAll((as) => as.map((a) => a.ariaLabel ?? '')))
			expect(label).toMatch(/^.+: (\d[\d,.]*|withheld|No figure)$/);
		// Tab from the map's heading until a province has the focus, then follow it.
		await page.locator('#map').click();
		let focused = '';
		for (let i = 0; i < 10 && !/provinces\/KH-/.test(focused); i++) {
			await page.keyboard.press('Tab');
			focused = await page.evaluate(
				() => document.activeElement?.getAttribute('href') ?? document.activeElement?.tagName ?? ''
			);
		}
		expect(focused).toMatch(/provinces\/KH-\d+$/);
		const code = focused.split('/').at(-1);
		const name = await page.evaluate(() => document.activeElement?.getAttribute('aria-label'));
		// A screen reader meets it as a link with that name.
		await expect(page.getByRole('link', { name: name!, exact: true })).toBeFocused();
		await page.keyboard.press('Enter');
		await expect(page).toHaveURL(new RegExp(`/provinces/${code}$`));
		await expect(page.getByRole('heading', { level: 1 })).toContainText(name!.split(':')[0]);
	});

	test('the overview map links its provinces too; a downloaded map has no links', async ({
		page,
		request
	}) => {
		await page.goto('/');
		const map = page.locator('svg[role="group"]', { has: page.locator('#overview-map-title') });
		await expect(map.locator('a')).toHaveCount(25);
		const svg = await (await request.get('/indicators/PROT-02/map.svg')).text();
		expect(svg).not.toMatch(/<a\b/);
		expect(svg).not.toContain('provinces/');
	});
});

test('a downloaded chart says what it is, its unit, source and release, what was withheld and that the data are a demonstration', async ({
	request
}) => {
	for (const chart of ['series', 'map']) {
		const svg = await (await request.get(`/indicators/PROT-02/${chart}.svg`)).text();
		expect(svg, chart).toMatch(/font-weight="700">PROT-02 /);
		expect(svg, chart).toContain('>Count</text>');
		expect(svg, chart).toMatch(/>Plan Monitor, release of \d{4}-\d{2}-\d{2}<\/text>/);
		// The note when the chart draws a withheld figure (a hatched quarter or province), only then.
		const drawsWithheld =
			/Q\d: Withheld<\/title>/.test(svg) || /<use[^>]*fill="url\(#chart-map-hatch\)"/.test(svg);
		expect(svg.includes('>“Withheld” marks a figure'), chart).toBe(drawsWithheld);
		expect(svg, chart).toContain('>Demonstration data: generated');
		// The PNG is the framed file: twice its whole height, words included.
		const [, , , height] = /viewBox="([-\d.]+) ([-\d.]+) ([\d.]+) ([\d.]+)"/
			.exec(svg)!
			.slice(1)
			.map(Number);
		const png = await (await request.get(`/indicators/PROT-02/${chart}.png`)).body();
		expect(png.readUInt32BE(20), chart).toBe(Math.ceil(height * 2));
	}
	const khmer = await (
		await request.get('/indicators/PROT-02/series.svg', {
			headers: { cookie: 'PARAGLIDE_LOCALE=km' }
		})
	).text();
	expect(khmer).toContain('>ប្រព័ន្ធតាមដានផែនការ ការចេញផ្សាយថ្ងៃទី ');
	expect(khmer).toContain('>ទិន្នន័យសាកល្បង៖');
	// A chart of an indicator that counts no children has nothing withheld, and says nothing of it.
	const open = await (await request.get('/indicators/PROT-01/series.svg')).text();
	expect(open).not.toContain('Withheld” marks');
});
