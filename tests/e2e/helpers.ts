/**
 * Shared by the browser tests: the demonstration accounts, signing in through the real form,
 * and read-only looks into the test database (to find ids, and to check what changed).
 */
import { expect, request, type APIRequestContext, type Page } from '@playwright/test';
import Database from 'better-sqlite3';

/** The test server (playwright.config.ts: E2E_PORT, default 4173). */
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
