/**
 * An HTTP fuzz test of every route and form action (found by walking src/routes), as each role:
 * malformed ids and codes, query strings, bodies and headers. Whatever is sent, the answer is
 * never a 5xx. Forms that could change something are only ever sent to ids that do not exist,
 * or with values that cannot be valid, so the demonstration data stays as it is for the other
 * tests.
 */
import { expect, test } from '@playwright/test';
import { gzipSync } from 'node:zlib';
import { BASE_URL, send, sessionCookie, submissionId, type Account } from './helpers';
import { discover } from './routes';

type Who = Account | 'public';
const ROLES: Who[] = ['public', 'licadho', 'reviewer', 'admin'];
const LONG = 'x'.repeat(3000);

/** Values for each kind of route parameter: valid, malformed and hostile. */
const PARAMS: Record<string, string[]> = {
	id: [
		'0',
		'-1',
		'1.5',
		'1e400',
		'99999999999999999999',
		'abc',
		'%00',
		'%E0%A4%A',
		encodeURIComponent("1' OR '1'='1"),
		LONG
	],
	code: ['PROT-02', 'prot-02', 'NOPE-99', 'PROT', 'KH-12', '%00', '%27', '..%2F..%2Fetc', LONG],
	chart: ['series', 'map', 'sex', 'nope', '%00', LONG]
};

const QUERIES = [
	'?page=1e400',
	'?page=1.01&page=2',
	'?preview=abc',
	'?preview=1e400',
	'?preview=-1',
	'?submitted&public&preview=1',
	'?map=%00&year=99999999999',
	'?map=PROT-02&year=2003',
	`?province=${LONG}`,
	'?province=KH-12',
	'?redirectTo=//evil.example',
	`?period=2004Q9&reporter=${LONG}&lang=xx`,
	'?period=2004Q4&reporter=CWCC',
	'?from=9999-99-99&to=x&action=%25&actor=%00&subject=%27',
	'?status=nope',
	'?%ZZ=%ZZ&=&&',
	'?again&x=1'
];

const HEADERS: Record<string, string>[] = [
	{ 'accept-language': 'xx-YY;q=abc, *;q=-1' },
	{ cookie: 'better-auth.session_token=forged.value; PARAGLIDE_LOCALE=zz' },
	{ 'if-none-match': '"forged", *' },
	{ 'accept-encoding': 'br;q=abc, gzip;q=-5, *' },
	{ accept: 'application/json' },
	{ 'x-sveltekit-action': 'true', accept: 'application/json' },
	{ range: 'bytes=5-1' }
];

const JUNK_FORM = new URLSearchParams({
	comment: 'fuzz',
	userId: '%00',
	k: '1e400',
	email: 'not an address',
	password: 'x',
	period: '2004Q9',
	locale: 'xx',
	redirectTo: '//evil.example',
	code: '<script>',
	nameEn: '',
	kind: 'nope',
	provinces: 'NOPE',
	role: 'root',
	reporterCode: 'NOPE',
	'headers:x': 'nope',
	'indicators:x': 'nope'
}).toString();

/** Bodies for a form action or endpoint: each with the headers it goes with. */
function bodies(origin: string): { headers: Record<string, string>; body?: string | Buffer }[] {
	const form = { origin, 'content-type': 'application/x-www-form-urlencoded', accept: 'text/html' };
	return [
		{ headers: form, body: '' },
		{ headers: form, body: JUNK_FORM },
		{ headers: form, body: '%%%zz=%%%&=&&' },
		{ headers: form, body: `comment=${'y'.repeat(5000)}&email=${LONG}&password=${LONG}` },
		{
			headers: { ...form, accept: 'application/json', 'x-sveltekit-action': 'true' },
			body: JUNK_FORM
		},
		{ headers: { ...form, 'content-type': 'multipart/form-data' }, body: 'no boundary' },
		{
			headers: { ...form, 'content-type': 'multipart/form-data; boundary=b' },
			body: '--b\r\nContent-Disposition: form-data; name="comment"\r\n\r\ncut sho'
		},
		{
			headers: { ...form, 'content-type': 'multipart/form-data; boundary=b' },
			body: '--b\r\nContent-Disposition: form-data; name="period"\r\n\r\n2004Q9\r\n--b--\r\n'
		},
		{ headers: { ...form, 'content-type': 'text/plain' }, body: 'comment=x' },
		{ headers: { ...form, 'content-type': 'application/json' }, body: '{"comment":' },
		{ headers: { ...form, 'content-encoding': 'gzip' }, body: gzipSync(JUNK_FORM) },
		{ headers: { ...form, 'content-encoding': 'gzip' }, body: 'not gzip at all' },
		{ headers: { accept: 'text/html' }, body: undefined },
		{ headers: { ...form, origin: 'https://evil.example' }, body: JUNK_FORM },
		{ headers: { ...form, origin: 'null' }, body: JUNK_FORM }
	];
}

/** Every concrete path of a route: each parameter through its values, the others valid. */
function paths(route: string, realId: number): string[] {
	const names = [...route.matchAll(/\[(\w+)\]/g)].map((m) => m[1]);
	const valid: Record<string, string> = {
		id: String(realId),
		code: route.startsWith('/areas/')
			? 'PROT'
			: route.startsWith('/provinces/')
				? 'KH-12'
				: 'PROT-02',
		chart: 'series'
	};
	const fill = (name: string, value: string) =>
		names.reduce((p, n) => p.replace(`[${n}]`, n === name ? value : valid[n]), route);
	if (names.length === 0) return [route];
	return [fill('', ''), ...names.flatMap((name) => PARAMS[name].map((v) => fill(name, v)))];
}

for (const [n, who] of ROLES.entries())
	test(`no 5xx for anything sent to any route, as ${who}`, async () => {
		test.setTimeout(600_000);
		// An address of its own: its sign-in failures and charts are its own allowance.
		const from = `127.0.0.${60 + n}`;
		const session = who === 'public' ? undefined : await sessionCookie(who, from);
		const realId = submissionId('CWCC', '2003Q1', 'approved');
		const failures: string[] = [];
		const check = async (label: string, path: string, options: Parameters<typeof send>[1] = {}) => {
			const headers = { ...options.headers };
			if (session) headers.cookie = headers.cookie ? `${session}; ${headers.cookie}` : session;
			const answer = await send(path, { ...options, headers, from });
			if (answer.status >= 500) failures.push(`${answer.status} ${label} ${path.slice(0, 120)}`);
		};

		const routes = discover();
		for (const key of routes) {
			const [route, how] = key.split(' ');
			if (how === 'GET') {
				for (const path of paths(route, realId)) await check('GET', path);
				const [base] = paths(route, realId);
				for (const query of QUERIES) await check('GET', base + query);
				for (const headers of HEADERS)
					await check(`GET ${JSON.stringify(headers)}`, base, { headers });
				await check('HEAD', base, { method: 'HEAD' });
				continue;
			}
			// Signing out would end this client's session: it is sent last, below.
			if (route === '/sign-out') continue;
			// Changes go only to ids that do not exist, and never with a valid form.
			const targets = paths(route, 99_999_999).filter((p) => !p.includes(String(realId)));
			for (const path of targets) {
				const url = how === 'POST' || how === '?/default' ? path : `${path}${how}`;
				for (const { headers, body } of bodies(BASE_URL))
					await check(`POST ${JSON.stringify(headers).slice(0, 80)}`, url, {
						method: 'POST',
						headers,
						body
					});
			}
			for (const method of ['PUT', 'DELETE', 'PATCH', 'OPTIONS'])
				await check(method, targets[0] ?? route, {
					method,
					headers: { origin: BASE_URL, 'content-type': 'application/x-www-form-urlencoded' },
					body: JUNK_FORM
				});
		}
		for (const { headers, body } of bodies(BASE_URL))
			await check(`POST /sign-out ${JSON.stringify(headers).slice(0, 80)}`, '/sign-out', {
				method: 'POST',
				headers,
				body
			});
		expect(failures).toEqual([]);
	});
