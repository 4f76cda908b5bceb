/**
 * `npm run bench:junk`: what junk addresses cost the public's readers. Starts the built app with
 * the demonstration data on a fresh database (loopback only) and measures with autocannon, for
 * `BENCH_SECONDS` (default 8) each: the overview answered from memory; the same while another
 * client asks for `/?x=<unique>`; and while another client asks for `map.png?x=<unique>`. Prints
 * requests per second and what the junk requests were answered with. Build first.
 */
import autocannon from 'autocannon';
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const PORT = 4302;
const BASE = `http://127.0.0.1:${PORT}`;
const SECONDS = Number(process.env.BENCH_SECONDS) || 8;
const dir = mkdtempSync(join(tmpdir(), 'plan-monitor-junk-'));
const server = spawn(process.execPath, ['scripts/run.mjs', 'scripts/start.ts'], {
	env: {
		...process.env,
		DATABASE_URL: join(dir, 'junk.db'),
		HOST: '127.0.0.1',
		PORT: String(PORT),
		ORIGIN: `http://localhost:${PORT}`
	},
	stdio: ['ignore', 'pipe', 'inherit']
});
await new Promise<void>((resolve) =>
	server.stdout?.on('data', (d) => /Listening/.test(String(d)) && resolve())
);

type Result = autocannon.Result;
const run = (options: autocannon.Options): Promise<Result> =>
	new Promise((done, fail) =>
		autocannon(
			{ duration: SECONDS, headers: { 'accept-encoding': 'br, gzip' }, ...options },
			(error, result) => (error ? fail(error) : done(result))
		)
	);
let n = 0;
const unique = (path: string): autocannon.Options => ({
	url: BASE,
	connections: 4,
	requests: [{ setupRequest: (request) => ({ ...request, path: `${path}?x=${n++}` }) }]
});
const reader: autocannon.Options = { url: `${BASE}/`, connections: 4 };
const codes = (r: Result) =>
	Object.entries(r.statusCodeStats ?? {})
		.map(([code, s]) => `${code}×${(s as { count: number }).count}`)
		.join(' ');
const line = (name: string, r: Result) =>
	console.log(`${name.padEnd(44)} ${r.requests.average.toFixed(0).padStart(6)} req/s  ${codes(r)}`);

// Warm the kept answers, and the server's code, first.
await fetch(`${BASE}/indicators/PROT-02/map.png`);
await run({ ...reader, duration: 2 });
line('overview, kept (alone)', await run(reader));
const [read1, junk1] = await Promise.all([run(reader), run(unique('/'))]);
line('overview, kept, while junk /?x= runs', read1);
line('  junk /?x=<unique>', junk1);
const [read2, junk2] = await Promise.all([run(reader), run(unique('/indicators/PROT-02/map.png'))]);
line('overview, kept, while junk map.png?x= runs', read2);
line('  junk map.png?x=<unique>', junk2);

server.kill();
rmSync(dir, { recursive: true, force: true });
