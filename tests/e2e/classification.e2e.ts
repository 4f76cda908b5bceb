/**
 * What reviewers and admins print and download with figures withheld from the public says so on
 * every printed page and in every file — "Internal", the release and its date —
 * with the public's version one click away; what the public gets carries no marking, and a
 * reviewer's public version (`?public`) is the anonymous visitor's file, byte for byte.
 * Printed pages are read back page by page with poppler's pdftotext.
 */
import { expect, test, type APIRequestContext, type Page } from '@playwright/test';
import { execFileSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import Papa from 'papaparse';
import { BASE_URL, chartsOffered, client, database, signInPage } from './helpers';

const MARKING = 'Internal — includes figures withheld from the public';
const MARKING_KM = 'ឯកសារផ្ទៃក្នុង — មានតួលេខដែលត្រូវបានលាក់ពីសាធារណជន';
/** The charts PROT-02's page offers the public as files: every chart it draws. */
const charts = async () => chartsOffered(await client('public'), 'PROT-02');

/** Every download of PROT-02's figures, and the open-data file. */
async function downloadUrls(): Promise<string[]> {
	return [
		'/indicators/PROT-02/data.csv',
		'/indicators/PROT-02/data.json',
		'/data/figures.csv',
		...(await charts()).flatMap((c) => [
			`/indicators/PROT-02/${c}.svg`,
			`/indicators/PROT-02/${c}.png`
		])
	];
}

/** The releases made so far, by id, with their time. */
function releases(): Map<number, string> {
	const db = database();
	try {
		const rows = db.prepare('SELECT id, at FROM release').all() as { id: number; at: string }[];
		return new Map(rows.map((r) => [r.id, r.at]));
	} finally {
		db.close();
	}
}

const latest = () => Math.max(0, ...releases().keys());

/**
 * The release a marking names ("Release 12 of 2026-12-02") is one that exists, with that date, and
 * no older than the latest when the request was made (other tests may approve meanwhile).
 */
function expectRelease(text: string, since: number): void {
	const found = /Release (\d+) of (\d{4}-\d{2}-\d{2})/.exec(text);
	expect(found, text).not.toBeNull();
	const [, id, date] = found as RegExpExecArray;
	expect(Number(id)).toBeGreaterThanOrEqual(since);
	expect(releases().get(Number(id))?.slice(0, 10)).toBe(date);
}

/** Fetches with two clients while no release is made between them: the same figures for both. */
async function both(a: APIRequestContext, b: APIRequestContext, url: string, urlOfB = url) {
	for (let tries = 0; tries < 5; tries++) {
		const before = latest();
		const answers = [await (await a.get(url)).body(), await (await b.get(urlOfB)).body()];
		if (latest() === before) return answers;
	}
	throw new Error(`${url}: a release was made during each of five tries`);
}

const filename = (headers: Record<string, string>) =>
	/filename="([^"]+)"/.exec(headers['content-disposition'] ?? '')?.[1];

/** Each printed page's text, whitespace folded. */
async function printedPages(page: Page, name: string): Promise<string[]> {
	const file = test.info().outputPath(`${name}.pdf`);
	writeFileSync(file, await page.pdf({ format: 'A4' }));
	const info = execFileSync('pdfinfo', [file], { encoding: 'utf8' });
	const count = Number(/Pages:\s+(\d+)/.exec(info)?.[1]);
	expect(count).toBeGreaterThan(0);
	return Array.from({ length: count }, (_, i) =>
		execFileSync('pdftotext', ['-f', String(i + 1), '-l', String(i + 1), file, '-'], {
			encoding: 'utf8'
		}).replace(/\s+/g, ' ')
	);
}

test("a reviewer's downloads are marked internal, in every row, document and image", async () => {
	const reviewer = await client('reviewer');
	const since = latest();

	for (const url of ['/indicators/PROT-02/data.csv', '/data/figures.csv']) {
		const response = await reviewer.get(url);
		expect(filename(response.headers())).toMatch(/-internal\.csv$/);
		const [header, ...rows] = Papa.parse<string[]>(await response.text(), {
			skipEmptyLines: true
		}).data;
		expect(header.at(-1)).toBe('classification');
		expect(rows.length).toBeGreaterThan(20);
		const unmarked = rows.filter(
			(row) =>
				row.length !== header.length ||
				!row[row.length - 1].includes(MARKING) ||
				!row[row.length - 1].includes(MARKING_KM)
		);
		expect(unmarked).toEqual([]);
		expectRelease(rows[0].at(-1) as string, since);
	}

	const json = await reviewer.get('/indicators/PROT-02/data.json');
	expect(filename(json.headers())).toBe('PROT-02-internal.json');
	const doc = await json.json();
	expect(Object.keys(doc)[0]).toBe('classification');
	expect(doc.classification.level).toBe('internal');
	expect(doc.classification.text.en.marking).toBe(MARKING);
	expect(doc.classification.text.km.marking).toBe(MARKING_KM);
	expectRelease(doc.classification.text.en.release, since);
	expect(doc.classification.release.id).toBe(
		Number(/\d+/.exec(doc.classification.text.en.release)?.[0])
	);

	const anonymous = await client('public');
	const offered = await charts();
	expect(offered.length).toBeGreaterThanOrEqual(4);
	for (const chart of offered) {
		const svg = await reviewer.get(`/indicators/PROT-02/${chart}.svg`);
		expect(filename(svg.headers())).toBe(`PROT-02-${chart}-internal.svg`);
		const text = await svg.text();
		expect(text).toContain(`>${MARKING}</text>`);
		expectRelease(text, since);

		// The PNG is drawn from that SVG: a band taller than the public's image, and not the same.
		const png = await reviewer.get(`/indicators/PROT-02/${chart}.png`);
		expect(filename(png.headers())).toBe(`PROT-02-${chart}-internal.png`);
		const [mine, theirs] = [await png.body(), await (await anonymous.get(png.url())).body()];
		expect(mine.equals(theirs)).toBe(false);
		// The PNG is that SVG, banner included, drawn at twice its size (the public's file may
		// differ by more than the banner: a withheld figure's note is a line of its own).
		const height = Number(/viewBox="[-\d.]+ [-\d.]+ [\d.]+ ([\d.]+)"/.exec(text)?.[1]);
		expect(mine.readUInt32BE(20)).toBe(Math.ceil(height * 2));
	}
});

test("a reviewer's Khmer chart carries the marking in Khmer", async () => {
	const reviewer = await client('reviewer');
	// The request's cookies are the session's and the language's.
	const { cookies } = await reviewer.storageState();
	const cookie = [...cookies.map((c) => `${c.name}=${c.value}`), 'PARAGLIDE_LOCALE=km'].join('; ');
	const svg = await reviewer.get('/indicators/PROT-02/sex.svg', { headers: { cookie } });
	expect(await svg.text()).toContain(`>${MARKING_KM}</text>`);
});

test("the public's downloads carry no marking; a reviewer's public version is the public's file", async () => {
	const reviewer = await client('reviewer');
	const anonymous = await client('public');
	for (const url of await downloadUrls()) {
		// The reviewer asks first: an internal answer must never be kept for the public.
		const internal = await reviewer.get(url);
		expect(internal.headers()['cache-control']).toBe('private, no-store');
		// The public's address has no ?public (an anonymous ?public is sent there).
		const [publicVersion, theirs] = await both(reviewer, anonymous, `${url}?public`, url);
		const [, plain] = await both(reviewer, anonymous, url);
		expect(publicVersion.equals(theirs), url).toBe(true);
		expect(plain.equals(theirs), url).toBe(true);
		const text = plain.toString('utf8');
		expect(text, url).not.toContain('Internal');
		expect(text, url).not.toContain('classification');
		expect(text, url).not.toContain(MARKING_KM);
		const response = await anonymous.get(url);
		expect(filename(response.headers()), url).not.toContain('internal');
		expect(response.headers()['etag'], url).toMatch(/^"r\d+-/);
		expect(filename((await reviewer.get(`${url}?public`)).headers()), url).not.toContain(
			'internal'
		);
	}
});

test('beside every internal download, its public version; the public sees no such link', async ({
	browser
}) => {
	const page = await (await browser.newContext()).newPage();
	await signInPage(page, 'reviewer');
	await page.goto('/indicators/PROT-02');
	const downloads = page.locator('#downloads + ul a:not([href$="?public"])');
	const twins = page.getByRole('link', { name: 'public version' });
	// The reviewer is offered every chart file the public is, each with its public version.
	const files = 2 + 2 * (await charts()).length;
	await expect(downloads).toHaveCount(files);
	await expect(twins).toHaveCount(files);
	const hrefs = await downloads.evaluateAll((as) => as.map((a) => a.getAttribute('href')));
	expect(await twins.evaluateAll((as) => as.map((a) => a.getAttribute('href')))).toEqual(
		hrefs.map((h) => `${h}?public`)
	);
	// On the reviewer's view of what the public sees, the downloads are the public's.
	await page.goto('/indicators/PROT-02?public');
	await expect(page.getByRole('link', { name: 'public version' })).toHaveCount(0);
	expect(
		await page
			.locator('#downloads + ul a')
			.evaluateAll((as) => as.every((a) => a.getAttribute('href')?.endsWith('?public')))
	).toBe(true);
	await page.goto('/data');
	await expect(page.getByRole('link', { name: 'public version' }).first()).toHaveAttribute(
		'href',
		'/data/figures.csv?public'
	);

	const anonymous = await browser.newPage();
	for (const path of ['/indicators/PROT-02', '/data']) {
		await anonymous.goto(path);
		await expect(anonymous.getByRole('link', { name: 'public version' })).toHaveCount(0);
	}
});

test("a reviewer's printed pages say Internal, with the release, on every page", async ({
	browser
}) => {
	const context = await browser.newContext();
	const page = await context.newPage();
	await signInPage(page, 'reviewer');
	const since = latest();

	await page.goto('/indicators/PROT-02');
	// Only in print.
	await expect(page.getByText(MARKING).first()).toBeHidden();
	const indicator = await printedPages(page, 'indicator');
	expect(indicator.length).toBeGreaterThan(1);
	for (const [i, text] of indicator.entries()) {
		expect(text.split(MARKING).length - 1, `page ${i + 1}`).toBe(2);
		expectRelease(text, since);
	}

	// The submission with the most values: its table runs over many pages.
	const db = database();
	const { id } = db
		.prepare(
			`SELECT submission_id AS id FROM submission_value v JOIN submission s ON s.id = v.submission_id
			 WHERE s.status = 'approved' GROUP BY submission_id ORDER BY count(*) DESC LIMIT 1`
		)
		.get() as { id: number };
	db.close();
	await page.goto(`/submissions/${id}`);
	const submission = await printedPages(page, 'submission');
	expect(submission.length).toBeGreaterThan(2);
	for (const [i, text] of submission.entries()) {
		expect(text.split(MARKING).length - 1, `page ${i + 1}`).toBe(2);
		expectRelease(text, since);
	}

	// In Khmer, in Khmer.
	await context.addCookies([{ name: 'PARAGLIDE_LOCALE', value: 'km', url: BASE_URL }]);
	await page.goto('/indicators/PROT-02');
	for (const [i, text] of (await printedPages(page, 'indicator-km')).entries())
		expect(text.split(MARKING_KM).length - 1, `page ${i + 1}`).toBe(2);
});

test("the public's printed page, and a reviewer's print of it (?public), say nothing of it", async ({
	browser
}) => {
	const anonymous = await browser.newPage();
	await anonymous.goto('/indicators/PROT-02');
	const reviewer = await (await browser.newContext()).newPage();
	await signInPage(reviewer, 'reviewer');
	await reviewer.goto('/indicators/PROT-02?public');
	for (const [name, page] of [
		['public', anonymous],
		['public-view', reviewer]
	] as const) {
		const pages = await printedPages(page, name);
		expect(pages[0]).toContain('PROT-02');
		for (const text of pages) {
			expect(text).not.toContain('Internal');
			expect(text).not.toContain(MARKING_KM);
		}
	}
});
