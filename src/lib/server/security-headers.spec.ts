import { createServer, type Server } from 'node:http';
import { afterEach, describe, expect, it } from 'vitest';
import { securityHeaders, setOnEveryResponse } from './security-headers';

describe('securityHeaders', () => {
	it('always says nosniff; HSTS only over https', () => {
		expect(securityHeaders('http://localhost:3000')).toEqual({
			'x-content-type-options': 'nosniff'
		});
		expect(securityHeaders('https://monitor.example.org')).toEqual({
			'x-content-type-options': 'nosniff',
			'strict-transport-security': 'max-age=31536000; includeSubDomains'
		});
	});
});

describe('setOnEveryResponse', () => {
	let server: Server | undefined;
	afterEach(() => new Promise<void>((done) => (server ? server.close(() => done()) : done())));

	it('reaches responses written by a handler that knows nothing of it', async () => {
		// As a static file server does: its own headers, written at once.
		server = createServer((_q, res) => {
			res.writeHead(200, { 'content-type': 'text/css' });
			res.end('body {}');
		});
		setOnEveryResponse(server, securityHeaders('https://monitor.example.org'));
		await new Promise<void>((done) => server!.listen(0, '127.0.0.1', done));
		const { port } = server.address() as { port: number };
		const response = await fetch(`http://127.0.0.1:${port}/_app/immutable/x.css`);
		expect(response.headers.get('content-type')).toBe('text/css');
		expect(response.headers.get('x-content-type-options')).toBe('nosniff');
		expect(response.headers.get('strict-transport-security')).toContain('max-age=31536000');
	});
});
