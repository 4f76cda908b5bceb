/**
 * Shared by the browser tests: the demonstration accounts, signing in through the real form,
 * and read-only looks into the test database (to find ids, and to check what changed).
 */
import { expect, request, type APIRequestContext, type Page } from '@playwright/test';
import Database from 'better-sqlite3';
import { request as httpRequest, type IncomingHttpHeaders } from 'node:http';

// The test server's address: playwright.config.ts starts it on E2E_PORT.
export const BASE_URL = `http://localhost:${process.env.E2E_PORT ?? 4173}`;

export const ACCOUNTS = {
	admin: { email: 'admin@demo.example', password: 'demo-admin-2004' },
	reviewer: { email: 'reviewer@demo.example', password: 'demo-reviewer-2004' },
	licadho: { email: 'licadho@demo.example', password: 'demo-licadho-2004' },
	cwcc: { email: 'cwcc@demo.example', password: 'demo-cwcc-2004' }
} as const;
export type Account = keyof typeof ACCOUNTS;

/** Signs in through the sign-in page of a browser page. */
export async function signInPage(page: Page, who: Account): Promise<void> {
	await page.goto('/sign-in');
	await page.getByLabel('E-mail address').fill(ACCOUNTS[who].email);
	await page.getByLabel('Password').fill(ACCOUNTS[who].password);
	await page.getByRole('button', { name: 'Sign in' }).last().click();
	await expect(page).toHaveURL(/\/submissions$/);
}

/** An HTTP client (no browser) signed in as `who`, or anonymous; it never follows redirects. */
export async function client(who: Account | 'public'): Promise<APIRequestContext> {
	const ctx = await request.newContext({
		baseURL: BASE_URL,
		// As a browser's form post: its own origin (SvelteKit refuses cross-site posts), and HTML.
		extraHTTPHeaders: { origin: BASE_URL, accept: 'text/html' },
		maxRedirects: 0
	});
	if (who !== 'public') {
		const response = await ctx.post('/sign-in', { form: { ...ACCOUNTS[who] } });
		expect(response.status(), `sign-in as ${who}`).toBe(303);
	}
	return ctx;
}

/** A read-only connection to the database the test server uses. */
export function database(): Database.Database {
	const file = process.env.E2E_DATABASE;
	if (!file) throw new Error('E2E_DATABASE is not set (see playwright.config.ts)');
	return new Database(file, { readonly: true, fileMustExist: true });
}

/** The id of a submission of a reporter, quarter and status. */
export function submissionId(reporter: string, period: string, status: string): number {
	const db = database();
	try {
		const row = db
			.prepare(
				'SELECT id FROM submission WHERE reporter_code = ? AND period = ? AND status = ? ORDER BY id LIMIT 1'
			)
			.get(reporter, period, status) as { id: number } | undefined;
		if (!row) throw new Error(`No ${status} submission of ${reporter} for ${period}`);
		return row.id;
	} finally {
		db.close();
	}
}

export interface Answer {
	status: number;
	headers: IncomingHttpHeaders;
	body: Buffer;
}

/**
 * One HTTP request to the test server as it is written, with nothing added (no Origin, no
 * content type unless given), from the loopback address `from` (127.0.0.x): the server sees
 * each address as another client, so a test can spend a per-client allowance of its own.
 */
export function send(
	path: string,
	options: {
		method?: string;
		headers?: Record<string, string>;
		body?: string | Buffer;
		from?: string;
	} = {}
): Promise<Answer> {
	const url = new URL(BASE_URL);
	return new Promise((done, fail) => {
		const request = httpRequest(
			{
				host: '127.0.0.1',
				port: url.port,
				path,
				method: options.method ?? 'GET',
				headers: { host: url.host, ...options.headers },
				localAddress: options.from
			},
			(response) => {
				const chunks: Buffer[] = [];
				response.on('data', (c: Buffer) => chunks.push(c));
				response.on('end', () =>
					done({
						status: response.statusCode ?? 0,
						headers: response.headers,
						body: Buffer.concat(chunks)
					})
				);
				response.on('error', fail);
			}
		);
		request.on('error', fail);
		request.end(options.body);
	});
}

/** Signs in as `who` through the form, from `from`; the session cookie to send. */
export async function sessionCookie(who: Account, from?: string): Promise<string> {
	const answer = await send('/sign-in', {
		method: 'POST',
		from,
		headers: {
			origin: BASE_URL,
			'content-type': 'application/x-www-form-urlencoded',
			accept: 'text/html'
		},
		body: new URLSearchParams({ ...ACCOUNTS[who] }).toString()
	});
	expect(answer.status, `sign-in as ${who}`).toBe(303);
	const cookies = ([] as string[]).concat(answer.headers['set-cookie'] ?? []);
	const session = cookies.find((c) => c.includes('session_token='));
	if (!session) throw new Error(`no session cookie for ${who}`);
	return session.split(';')[0];
}

/**
 * The charts an indicator page offers as files, by name (`series`, `map`, …), in its order: the
 * page lists each chart of the registry (`src/lib/charts/indicator-charts.ts`) it draws.
 */
export async function chartsOffered(http: APIRequestContext, code: string): Promise<string[]> {
	const html = await (await http.get(`/indicators/${code}`)).text();
	const link = new RegExp(`href="/indicators/${code}/([a-z0-9-]+)\\.svg"`, 'g');
	return [...html.matchAll(link)].map((m) => m[1]);
}
