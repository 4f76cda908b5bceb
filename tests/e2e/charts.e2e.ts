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
