/**
 * Who may use what: every route and form action of the app, found by walking src/routes (so a
 * new route cannot be forgotten), for each role, against the table below. A refusal is a
 * redirect to the sign-in page (the public), a 403 (a signed-in user without the role) or a 404
 * (a submission of another organisation, which must not even seem to exist).
 */
import { expect, test, type APIRequestContext } from '@playwright/test';
import { client, database, submissionId } from './helpers';
import { discover } from './routes';

type Who = 'public' | 'licadho' | 'reviewer' | 'admin';
const EVERYONE: Who[] = ['public', 'licadho', 'reviewer', 'admin'];
const SIGNED_IN: Who[] = ['licadho', 'reviewer', 'admin'];
const REVIEWERS: Who[] = ['reviewer', 'admin'];
const ADMINS: Who[] = ['admin'];

/**
 * Route (as in src/routes, groups dropped) + `GET`, `POST` (endpoints) or `?/action` (form
 * actions) → who may use it. The [id] of submissions is an approved submission of the user's own
 * organisation for LICADHO's reporter, of CWCC for everyone else (other organisations' are
 * tested below). Forms are posted empty, so an allowed step answers 400 or 409 and changes nothing.
 */
const MATRIX: Record<string, Who[]> = {
	'/ GET': EVERYONE,
	'/indicators/[code] GET': EVERYONE,
	'/indicators/[code]/data.csv GET': EVERYONE,
	'/indicators/[code]/data.json GET': EVERYONE,
	'/indicators/[code]/[chart].svg GET': EVERYONE,
	'/indicators/[code]/[chart].png GET': EVERYONE,
	'/areas/[code] GET': EVERYONE,
	'/provinces GET': EVERYONE,
	'/provinces/[code] GET': EVERYONE,
	'/data GET': EVERYONE,
	'/data/figures.csv GET': EVERYONE,
	'/methodology GET': EVERYONE,
	'/methodology/progress GET': EVERYONE,
	'/healthz GET': EVERYONE,
	'/language POST': EVERYONE,
	'/sign-in GET': EVERYONE,
	'/sign-in ?/default': EVERYONE,
	'/sign-out POST': EVERYONE,
	'/submissions GET': SIGNED_IN,
	'/submissions/[id] GET': SIGNED_IN,
	'/submissions/[id] ?/submit': ['licadho'],
	'/submissions/[id] ?/withdraw': ['licadho'],
	'/submissions/[id] ?/return': REVIEWERS,
	'/submissions/[id] ?/approve': REVIEWERS,
	'/submissions/[id] ?/reopen': ADMINS,
	'/submissions/[id] ?/comment': SIGNED_IN,
	'/submissions/[id]/file GET': SIGNED_IN,
	'/submissions/[id]/rejected.csv GET': SIGNED_IN,
	'/submissions/[id] ?/map': ['licadho'],
	'/submissions/[id] ?/replace': ['licadho'],
	'/submissions/new GET': ['licadho'],
	'/submissions/new ?/upload': ['licadho'],
	'/submissions/new ?/nothing': ['licadho'],
	'/submissions/template.csv GET': SIGNED_IN,
	'/review GET': REVIEWERS,
	'/completeness GET': REVIEWERS,
	'/admin/users GET': ADMINS,
	'/admin/users ?/create': ADMINS,
	'/admin/users ?/reset': ADMINS,
	'/admin/users ?/deactivate': ADMINS,
	'/admin/users ?/reactivate': ADMINS,
	'/admin/reporters GET': ADMINS,
	'/admin/reporters ?/create': ADMINS,
	'/admin/reporters ?/update': ADMINS,
	'/admin/reporters ?/indicators': ADMINS,
	'/admin/audit GET': ADMINS,
	'/admin/privacy GET': ADMINS,
	'/admin/privacy ?/threshold': ADMINS,
	'/admin/privacy ?/publish': ADMINS,
	'/admin/plan GET': ADMINS,
	'/admin/plan ?/add': ADMINS,
	'/admin/plan/[code] GET': ADMINS,
	'/admin/plan/[code] ?/revise': ADMINS,
	'/admin/plan/[code] ?/texts': ADMINS,
	'/admin/plan/[code] ?/retire': ADMINS
};

test('the table names every route and action of the app, and nothing else', () => {
	expect(discover().sort()).toEqual(Object.keys(MATRIX).sort());
});

function concrete(route: string, id: number): string {
	const code = route.startsWith('/areas/')
		? 'PROT'
		: route.startsWith('/provinces/')
			? 'KH-12'
			: 'PROT-02';
	return route.replace('[code]', code).replace('[chart]', 'series').replace('[id]', String(id));
}

function refused(status: number, location: string | undefined): boolean {
	return (status === 303 && !!location?.startsWith('/sign-in')) || status === 403 || status === 404;
}

for (const who of EVERYONE)
	test(`what ${who} may use`, async () => {
		const id = submissionId(who === 'licadho' ? 'LICADHO' : 'CWCC', '2003Q1', 'approved');
		const http: APIRequestContext = await client(who);
		for (const [key, allowed] of Object.entries(MATRIX)) {
			// Signing out here would end this client's session in the middle of the table.
			if (key === '/sign-out POST' || key === '/sign-in ?/default') continue;
			const [route, how] = key.split(' ');
			const url = concrete(route, id);
			// Empty forms: an allowed action answers 400 or 409, and nothing changes.
			const response =
				how === 'GET'
					? await http.get(url)
					: how === 'POST'
						? await http.post(url, { form: { locale: 'en', redirectTo: '/' } })
						: // a default action is posted to the page itself
							await http.post(how === '?/default' ? url : `${url}${how}`, {
								form: { userId: 'nobody' }
							});
			const isRefused = refused(response.status(), response.headers()['location']);
			const expected = allowed.includes(who) ? 'allowed' : 'refused';
			expect
				.soft(isRefused ? 'refused' : 'allowed', `${who} → ${key} (${response.status()})`)
				.toBe(expected);
			// Allowed or not, no route may fail on an empty form or a foreign id.
			expect.soft(response.status(), `${who} → ${key}`).toBeLessThan(500);
		}
		await http.dispose();
	});

test('a reporter cannot reach another organisation’s submission by address, filter or form', async () => {
	const theirs = submissionId('CWCC', '2004Q4', 'submitted');
	const http = await client('licadho');
	expect((await http.get(`/submissions/${theirs}`)).status()).toBe(404);
	expect((await http.get(`/submissions/${theirs}/file`)).status()).toBe(404);
	for (const action of ['withdraw', 'comment', 'submit'])
		expect(
			(await http.post(`/submissions/${theirs}?/${action}`, { form: { comment: 'x' } })).status()
		).toBe(404);
	// A filter for another reporter is ignored: the list stays its own.
	const list = await (await http.get('/submissions?reporter=CWCC')).text();
	expect(list).toContain('LICADHO');
	expect(list).not.toMatch(/<td>CWCC<\/td>/);
	// A forged reporter field changes nothing: actions take the organisation from the session.
	const mine = submissionId('LICADHO', '2004Q3', 'approved');
	const forged = await http.post(`/submissions/${mine}?/comment`, {
		form: { comment: 'forged', reporterCode: 'CWCC', reporter: 'CWCC' }
	});
	expect(forged.status()).toBe(200);
	await http.dispose();

	const db = database();
	const status = db.prepare('SELECT status FROM submission WHERE id = ?').get(theirs) as {
		status: string;
	};
	const comments = db
		.prepare('SELECT count(*) AS n FROM submission_comment WHERE submission_id = ?')
		.get(theirs) as { n: number };
	db.close();
	expect(status.status).toBe('submitted');
	expect(comments.n).toBe(0);
});

test('a reviewer cannot use admin actions by forging their form fields', async () => {
	const http = await client('reviewer');
	const db = database();
	const admin = db.prepare("SELECT id FROM user WHERE email = 'admin@demo.example'").get() as {
		id: string;
	};
	db.close();
	for (const action of ['deactivate', 'reset'])
		expect(
			(await http.post(`/admin/users?/${action}`, { form: { userId: admin.id } })).status()
		).toBe(403);
	expect(
		(
			await http.post('/admin/users?/create', {
				form: { email: 'x@example.org', name: 'X', role: 'admin' }
			})
		).status()
	).toBe(403);
	await http.dispose();
	const after = database();
	const row = after.prepare("SELECT banned FROM user WHERE email = 'admin@demo.example'").get() as {
		banned: number;
	};
	const created = after
		.prepare("SELECT count(*) AS n FROM user WHERE email = 'x@example.org'")
		.get() as { n: number };
	after.close();
	expect(row.banned).toBe(0);
	expect(created.n).toBe(0);
});
