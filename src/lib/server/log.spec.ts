import type { RequestEvent } from '@sveltejs/kit';
import { readFileSync } from 'node:fs';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { importFile } from './submissions';
import { handleRequestLog } from './log';
import { tempDatabase } from './testing/temp-db';

let lines: string[];
beforeEach(() => {
	lines = [];
	vi.stubEnv('LOG', 'stdout');
	vi.spyOn(process.stdout, 'write').mockImplementation((chunk) => {
		lines.push(String(chunk));
		return true;
	});
});
afterEach(() => {
	vi.restoreAllMocks();
	vi.unstubAllEnvs();
});

const parsed = () => lines.map((l) => JSON.parse(l) as Record<string, unknown>);

/** A request as SvelteKit hands it to a hook (the parts the log reads). */
function requestEvent(url: string, route: string | null, headers: Record<string, string> = {}) {
	return {
		request: new Request(url, { headers }),
		url: new URL(url),
		route: { id: route }
	} as unknown as RequestEvent;
}

const PERSONAL = 'someone@example.org';

describe('the request log line', () => {
	it('names the route, never the address, its ids, its query or what the answer holds', async () => {
		const body = `<p>${PERSONAL} reported 1234 children</p>`;
		const response = await handleRequestLog({
			event: requestEvent(
				`http://localhost/submissions/987?email=${PERSONAL}&value=4321`,
				'/(app)/submissions/[id]',
				{ 'x-forwarded-for': '203.0.113.9', cookie: 'session=secret' }
			),
			resolve: async () =>
				new Response(
					new ReadableStream({
						start(c) {
							c.enqueue(new TextEncoder().encode(body));
							c.close();
						}
					}),
					{ status: 200 }
				)
		});
		// Streamed: the line is written once the body has gone out.
		expect(lines).toEqual([]);
		expect(await response.text()).toBe(body);
		expect(lines).toHaveLength(1);
		expect(lines[0].endsWith('\n')).toBe(true);
		const [line] = parsed();
		expect(Object.keys(line)).toEqual([
			'time',
			'type',
			'id',
			'method',
			'route',
			'status',
			'ms',
			'bytes'
		]);
		expect(line).toMatchObject({
			type: 'request',
			method: 'GET',
			route: '/(app)/submissions/[id]',
			status: 200,
			bytes: Buffer.byteLength(body)
		});
		expect(typeof line.ms).toBe('number');
		expect(response.headers.get('x-request-id')).toBe(line.id);
		for (const secret of ['@', '987', '4321', '1234', '203.0.113', 'secret', 'children'])
			expect(lines[0]).not.toContain(secret);
	});

	it("takes the proxy's request id only when it is a plain token", async () => {
		const answer = async () => new Response('ok', { headers: { 'content-length': '2' } });
		await handleRequestLog({
			event: requestEvent('http://localhost/', '/(public)', { 'x-request-id': 'abc-123' }),
			resolve: answer
		});
		await handleRequestLog({
			event: requestEvent('http://localhost/nowhere', null, {
				'x-request-id': 'x"}, "status": 1'
			}),
			resolve: async () => new Response(null, { status: 404 })
		});
		const [first, second] = parsed();
		expect(first).toMatchObject({ id: 'abc-123', route: '/(public)', bytes: 2 });
		expect(second).toMatchObject({ route: null, status: 404, bytes: 0 });
		expect(second.id).toMatch(/^[0-9a-f-]{36}$/);
	});

	it('writes a line for a failed request, and none with LOG=off', async () => {
		await expect(
			handleRequestLog({
				event: requestEvent('http://localhost/data', '/(public)/data'),
				resolve: async () => {
					throw new Error('boom');
				}
			})
		).rejects.toThrow('boom');
		expect(parsed()[0]).toMatchObject({ status: 500, route: '/(public)/data' });
		vi.stubEnv('LOG', 'off');
		await handleRequestLog({
			event: requestEvent('http://localhost/', '/(public)'),
			resolve: async () => new Response('ok')
		});
		expect(lines).toHaveLength(1);
	});
});

describe('the import log line', () => {
	it('gives counts and submission ids: no figure, no note, no file name', () => {
		const { db, dispose } = tempDatabase();
		try {
			const name = 'licadho-2002q1-canonical.csv';
			const content = readFileSync(`tests/fixtures/samples/${name}`);
			const result = importFile(db, {
				file: { name: `${PERSONAL}-${name}`, content },
				mode: 'submit',
				actor: 'test',
				maxBytes: 1e7
			});
			if ('refused' in result) throw new Error(result.refused);
			expect(lines).toHaveLength(1);
			const [line] = parsed();
			expect(line).toEqual({
				time: expect.any(String),
				type: 'import',
				mode: 'submit',
				format: 'canonical',
				refused: false,
				rows: result.rows,
				rejected: result.rejected,
				new: result.new,
				changed: 0,
				unchanged: 0,
				submissions: result.submissions,
				alreadyImported: false,
				ms: expect.any(Number)
			});
			expect(result.rows).toBe(7);
			expect(lines[0]).not.toContain('@');
			expect(lines[0]).not.toContain('licadho');
			expect(lines[0]).not.toContain('clinic');

			importFile(db, {
				file: { name: 'empty.csv', content: new Uint8Array() },
				mode: 'dry-run',
				actor: 'test',
				maxBytes: 1e7
			});
			expect(parsed()[1]).toMatchObject({
				type: 'import',
				mode: 'dry-run',
				refused: true,
				rows: 0
			});
		} finally {
			dispose();
		}
	});
});
