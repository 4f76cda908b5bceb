/**
 * `npm run bench:upload`: what a large upload costs everyone else, measured against the built app
 * (`npm start`'s own path) on a fresh database with the demonstration data, on loopback only.
 *
 * 1. Public page throughput and latency (autocannon, BENCH_CONNECTIONS, default 10) while idle,
 *    for BENCH_SECONDS (default 5), then during a 15 MB upload by a reporter, until the upload's
 *    answer comes. Target: at least half the idle throughput, p99 under 100 ms.
 * 2. The server's resident memory (sampled from /proc every 20 ms) during a 50 MB upload, above
 *    its idle level just before. Target: under 150 MB above idle.
 *
 * The uploads are the benchmark's file of the default plan (bench-file.ts: every reporter's
 * rows), cut or repeated to size; the reporter's own rows are valid, the others' are rejected
 * (and reported, within the report's bounds). BENCH_PORT (default 4201) is the server's port.
 */
import autocannon from 'autocannon';
import { spawn } from 'node:child_process';
import { mkdtempSync, openAsBlob, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { writeBenchFile } from './bench-file';

const PORT = Number(process.env.BENCH_PORT) || 4201;
const ORIGIN = `http://127.0.0.1:${PORT}`;
const SECONDS = Number(process.env.BENCH_SECONDS) || 5;
const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS) || 10;
const PAGE = `${ORIGIN}/`;
const dir = mkdtempSync(join(tmpdir(), 'plan-monitor-bench-upload-'));

/** A file of the benchmark's rows, of `bytes` bytes (header kept, rows cut or repeated). */
function benchFile(name: string, bytes: number): string {
	const full = join(dir, 'full.csv');
	writeBenchFile(full);
	const text = readFileSync(full);
	const header = text.indexOf('\n') + 1;
	const parts = [text];
	let size = text.length;
	while (size < bytes) {
		const more = text.subarray(header, header + Math.min(bytes - size, text.length - header));
		parts.push(more);
		size += more.length;
	}
	let content = Buffer.concat(parts).subarray(0, bytes);
	content = content.subarray(0, content.lastIndexOf('\n') + 1);
	const path = join(dir, name);
	writeFileSync(path, content);
	return path;
}

const server = spawn(process.execPath, ['scripts/run.mjs', 'scripts/start.ts'], {
	env: {
		...process.env,
		DATABASE_URL: join(dir, 'bench.db'),
		HOST: '127.0.0.1',
		PORT: String(PORT),
		ORIGIN,
		IMPORT_MAX_MB: '60',
		SIGN_IN_RATE_LIMIT: '10000/60'
	},
	stdio: ['ignore', 'ignore', 'inherit']
});

function rssMb(): number {
	const status = readFileSync(`/proc/${server.pid}/status`, 'utf8');
	return Number(/VmRSS:\s+(\d+)/.exec(status)?.[1]) / 1024;
}

async function waitForServer(): Promise<void> {
	for (let i = 0; i < 600; i++) {
		try {
			if ((await fetch(PAGE)).ok) return;
		} catch {
			// not listening yet
		}
		await new Promise((r) => setTimeout(r, 250));
	}
	throw new Error('The server did not start');
}

async function signIn(): Promise<string> {
	const response = await fetch(`${ORIGIN}/sign-in`, {
		method: 'POST',
		headers: {
			origin: ORIGIN,
			accept: 'text/html',
			'content-type': 'application/x-www-form-urlencoded'
		},
		body: new URLSearchParams({ email: 'licadho@demo.example', password: 'demo-licadho-2004' }),
		redirect: 'manual'
	});
	if (response.status !== 303) throw new Error(`sign-in: ${response.status}`);
	return response.headers
		.getSetCookie()
		.map((c) => c.split(';')[0])
		.join('; ');
}

/** Uploads a file as the browser's form post does; returns the status and the time taken. */
async function upload(cookie: string, path: string): Promise<{ status: number; seconds: number }> {
	const form = new FormData();
	form.append('file', await openAsBlob(path, { type: 'text/csv' }), 'bench.csv');
	const started = performance.now();
	const response = await fetch(`${ORIGIN}/submissions/new?/upload`, {
		method: 'POST',
		headers: { origin: ORIGIN, accept: 'text/html', cookie },
		body: form,
		redirect: 'manual'
	});
	await response.arrayBuffer();
	return { status: response.status, seconds: (performance.now() - started) / 1000 };
}

const load = (duration: number) =>
	autocannon({
		url: PAGE,
		connections: CONNECTIONS,
		duration,
		headers: { 'accept-encoding': 'br' }
	});

/** Load on the public page until `done` settles (at most two minutes). */
const loadUntil = (done: Promise<unknown>) =>
	new Promise<autocannon.Result>((resolve, reject) => {
		const instance = autocannon(
			{ url: PAGE, connections: CONNECTIONS, duration: 120, headers: { 'accept-encoding': 'br' } },
			(error, result) => (error ? reject(error) : resolve(result))
		);
		void done.finally(() => instance.stop());
	});

const summary = (r: autocannon.Result) =>
	`${r.requests.average.toFixed(0)} req/s, p50 ${r.latency.p50} ms, p99 ${r.latency.p99} ms, ${r.non2xx} not 2xx, ${r.errors} errors`;

try {
	const warm = benchFile('14mb.csv', 14_000_000);
	const medium = benchFile('15mb.csv', 15_000_000);
	const large = benchFile('50mb.csv', 50_000_000);
	await waitForServer();
	const cookie = await signIn();
	// Warm up: the page cache, the worker's bundle, the connections.
	await load(1);
	console.log(`warm-up upload (14 MB): ${JSON.stringify(await upload(cookie, warm))}`);

	const idle = await load(SECONDS);
	console.log(`public page ${PAGE}, ${CONNECTIONS} connections`);
	console.log(`  idle (${SECONDS} s):            ${summary(idle)}`);

	const uploaded = upload(cookie, medium);
	const [busy, result] = await Promise.all([loadUntil(uploaded), uploaded]);
	console.log(
		`  during a 15 MB upload (${result.seconds.toFixed(1)} s, answered ${result.status}): ${summary(busy)}`
	);
	const ratio = busy.requests.average / idle.requests.average;
	console.log(
		`  throughput during / idle: ${ratio.toFixed(2)}   target ≥ 0.5; p99 ${busy.latency.p99} ms   target < 100 ms`
	);

	await new Promise((r) => setTimeout(r, 2000));
	const idleRss = rssMb();
	let peak = idleRss;
	const sampler = setInterval(() => (peak = Math.max(peak, rssMb())), 20);
	const big = await upload(cookie, large);
	clearInterval(sampler);
	console.log(
		`50 MB upload: answered ${big.status} in ${big.seconds.toFixed(1)} s; server RSS idle ${idleRss.toFixed(0)} MB, peak ${peak.toFixed(0)} MB: ${(peak - idleRss).toFixed(0)} MB above idle   target < 150 MB`
	);
} finally {
	server.kill('SIGTERM');
	rmSync(dir, { recursive: true, force: true });
}
