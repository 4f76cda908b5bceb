/**
 * What an attacker test of the running app found, each shown fixed against the built server:
 * redirects after signing in stay on this site; a preview is only of a submission in review;
 * junk query strings neither make pages of their own nor let one client keep the CPU drawing;
 * another site cannot sign a user out; malformed page numbers and bodies are 4xx, never 500;
 * texts have limits (said in both languages) and every response says nosniff.
 */
import { expect, test } from '@playwright/test';
import { gzipSync } from 'node:zlib';
import { BASE_URL, client, database, send, sessionCookie, submissionId } from './helpers';

/** As a browser's form post from this site. */
const FORM = {
	origin: BASE_URL,
	'content-type': 'application/x-www-form-urlencoded',
	accept: 'text/html'
};

test('after signing in, no spelling of another host is followed (finding 2)', async () => {
	const evil = ['/%5Cevil.example', '/%09/evil.example', '%2F%2Fevil.example', '/%5C/evil.example'];
	for (const target of evil) {
		const http = await client('public');
		const response = await http.post(`/sign-in?redirectTo=${target}`, {
			form: { email: 'reviewer@demo.example', password: 'demo-reviewer-2004' }
		});
		expect(response.status()).toBe(303);
		expect(response.headers()['location'], target).toBe('/submissions');
		// Signed in already, the sign-in page sends on at once: the same rule.
		const again = await http.get(`/sign-in?redirectTo=${target}`);
		expect(again.headers()['location'], target).toBe('/submissions');
		await http.dispose();
	}
	const http = await client('public');
	for (const target of ['/\\evil.example', '/\t/evil.example']) {
		const response = await http.post('/language', { form: { locale: 'en', redirectTo: target } });
		expect(response.headers()['location'], JSON.stringify(target)).toBe('/');
	}
	await http.dispose();
});

test('a reviewer previews a submission in review only, never a draft (finding 3)', async () => {
	const draft = submissionId('LICADHO', '2004Q4', 'draft');
	const inReview = submissionId('CWCC', '2004Q4', 'submitted');
	const http = await client('reviewer');
	for (const path of ['/indicators/PROT-02/data.csv', '/indicators/PROT-02', '/data/figures.csv']) {
		expect((await http.get(`${path}?preview=${draft}`)).status(), path).toBe(404);
		expect((await http.get(`${path}?preview=${inReview}`)).status(), path).toBe(200);
		for (const junk of ['abc', '0', '-1', '1e400', '99999999'])
			expect((await http.get(`${path}?preview=${junk}`)).status(), `${path} ${junk}`).toBe(404);
	}
	await http.dispose();
});

test('a junk query string makes no page of its own: it is sent to the page’s address (finding 4b)', async () => {
	const cases: [string, string][] = [
		['/?x=1', '/'],
		['/?fbclid=abc&map=PROT-02', '/?map=PROT-02'],
		['/?map=prot-02', '/?map=PROT-02'],
		['/indicators/PROT-02/map.png?x=12345', '/indicators/PROT-02/map.png'],
		['/indicators/prot-02/data.csv', '/indicators/PROT-02/data.csv'],
		['/data?page=2', '/data']
	];
	for (const [path, address] of cases) {
		const answer = await send(path, { from: '127.0.0.31' });
		expect(answer.status, path).toBe(302);
		expect(answer.headers.location, path).toBe(address);
	}
	// A made-up map is the default map, at its own address.
	const made = await send('/?map=NOPE-99', { from: '127.0.0.31' });
	expect(made.status).toBe(302);
	expect(made.headers.location).toMatch(/^\/\?map=[A-Z]+-\d\d$/);
	// The page's address itself is answered, and kept.
	expect((await send('/?map=PROT-02', { from: '127.0.0.31' })).status).toBe(200);
});

test('one client cannot keep the charts drawing; kept charts still come (finding 4b)', async () => {
	const from = '127.0.0.32';
	// A kept copy for the public, drawn by someone else.
	expect((await send('/indicators/PROT-02/series.png', { from: '127.0.0.33' })).status).toBe(200);
	// A reviewer's charts are never kept: each one is drawn.
	const cookie = await sessionCookie('reviewer', from);
	const draw = () => send('/indicators/PROT-02/series.svg', { from, headers: { cookie } });
	let refused: Awaited<ReturnType<typeof send>> | undefined;
	for (let i = 0; i < 100 && !refused; i++) {
		const answer = await draw();
		if (answer.status === 429) refused = answer;
		else expect(answer.status).toBe(200);
	}
	expect(refused, 'no 429 in 100 charts').toBeDefined();
	expect(Number(refused!.headers['retry-after'])).toBeGreaterThan(0);
	expect(refused!.body.toString()).toContain('Too many charts');
	// The same client still gets what the cache keeps.
	const kept = await send('/indicators/PROT-02/series.png', { from });
	expect(kept.status).toBe(200);
	expect(kept.headers['content-type']).toBe('image/png');
});

test('another site cannot sign a user out, with or without a body (finding 7)', async () => {
	const from = '127.0.0.34';
	const cookie = await sessionCookie('reviewer', from);
	const attempts: Record<string, string>[] = [
		{ cookie, origin: 'https://evil.example' },
		{ cookie },
		{ cookie, origin: 'https://evil.example', 'content-type': 'text/plain' }
	];
	for (const headers of attempts) {
		const answer = await send('/sign-out', { method: 'POST', from, headers });
		expect(answer.status, JSON.stringify(headers)).toBe(403);
	}
	expect((await send('/review', { from, headers: { cookie } })).status).toBe(200);
	// From this site, it works.
	const out = await send('/sign-out', { method: 'POST', from, headers: { ...FORM, cookie } });
	expect(out.status).toBe(303);
	expect((await send('/review', { from, headers: { cookie } })).status).toBe(303);
});

test('malformed page numbers and bodies are refused or ignored, never a 500 (finding 8)', async () => {
	const from = '127.0.0.35';
	const cookie = await sessionCookie('admin', from);
	const id = submissionId('CWCC', '2003Q1', 'approved');
	for (const page of ['1.01', '1e400', '-1', 'abc', '99999999999999999999'])
		for (const path of ['/submissions', '/admin/audit', `/submissions/${id}`]) {
			const answer = await send(`${path}?page=${page}`, { from, headers: { cookie } });
			expect(answer.status, `${path}?page=${page}`).toBe(200);
		}
	const comment = `/submissions/${id}?/comment`;
	const bodies: [Record<string, string>, string | Buffer, number][] = [
		[{ 'content-type': 'text/plain' }, 'comment=hello', 415],
		[{ 'content-type': 'application/json' }, '{"comment":"hello"}', 415],
		[{}, 'comment=hello', 415],
		[
			{ 'content-type': 'application/x-www-form-urlencoded', 'content-encoding': 'gzip' },
			gzipSync('comment=hello'),
			415
		],
		[{ 'content-type': 'multipart/form-data' }, 'no boundary', 400],
		[{ 'content-type': 'multipart/form-data; boundary=b' }, '--b\r\nbroken', 400]
	];
	for (const [headers, body, status] of bodies) {
		const answer = await send(comment, {
			method: 'POST',
			from,
			headers: { origin: BASE_URL, cookie, accept: 'text/html', ...headers },
			body
		});
		expect(answer.status, JSON.stringify(headers)).toBe(status);
	}
});

test('texts have limits, said in both languages, and nothing too long is kept (finding 10)', async () => {
	const from = '127.0.0.36';
	const cookie = await sessionCookie('reviewer', from);
	const id = submissionId('CWCC', '2003Q2', 'approved');
	const count = () => {
		const db = database();
		const { n } = db
			.prepare('SELECT count(*) AS n FROM submission_comment WHERE submission_id = ?')
			.get(id) as { n: number };
		db.close();
		return n;
	};
	const before = count();
	const post = (comment: string, locale: string) =>
		send(`/submissions/${id}?/comment`, {
			method: 'POST',
			from,
			headers: { ...FORM, cookie: `${cookie}; PARAGLIDE_LOCALE=${locale}`, accept: 'text/html' },
			body: new URLSearchParams({ comment }).toString()
		});
	const english = await post('x'.repeat(4001), 'en');
	expect(english.status).toBe(400);
	expect(english.body.toString()).toMatch(/This text is too long: at most 4,?000 characters/);
	const khmer = await post('x'.repeat(4001), 'km');
	expect(khmer.status).toBe(400);
	expect(khmer.body.toString()).toContain('អត្ថបទនេះវែងពេក');
	// Five megabytes never reach the action.
	expect((await post('x'.repeat(5_000_000), 'en')).status).toBe(413);
	expect(count()).toBe(before);
});

test('every response says nosniff, static files included (finding 10)', async () => {
	const page = await send('/');
	expect(page.headers['x-content-type-options']).toBe('nosniff');
	const css = /href="\.?(\/_app\/immutable\/[^"]+\.css)"/.exec(page.body.toString())?.[1];
	expect(css, 'a stylesheet of the page').toBeDefined();
	for (const path of [css as string, '/favicon.svg', '/_app/version.json', '/no/such/page']) {
		const answer = await send(path);
		expect(answer.headers['x-content-type-options'], path).toBe('nosniff');
	}
	// Plain http here: no HSTS (src/lib/server/security-headers.spec.ts shows it over https).
	expect(page.headers['strict-transport-security']).toBeUndefined();
});
