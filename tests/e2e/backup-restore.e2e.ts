/**
 * Operations against the built app: a server on a fresh database with the demonstration data
 * (as `npm start` makes it) is backed up while it runs; restoring onto its database is refused
 * while it runs; the backup restored elsewhere and served by a second server (`node build`, the
 * restored file and nothing else) gives the same public pages and downloads, byte for byte, in
 * both languages, and the same release on /healthz. The first server's log lines are checked
 * too: one JSON line per request, by route id, no address, query value or e-mail.
 *
 * The two servers listen on loopback, on the two ports after the test server's (E2E_PORT).
 */
import { expect, test } from '@playwright/test';
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const base = Number(process.env.E2E_PORT ?? 4173);
const PAGES = [
	'/',
	'/?map=PROT-02&year=2003',
	'/areas/PROT',
	'/indicators/PROT-02',
	'/indicators/PREV-01',
	'/provinces/KH-12',
	'/data',
	'/methodology',
	'/data/figures.csv',
	'/indicators/PROT-02/data.csv',
	'/indicators/PROT-02/data.json',
	'/indicators/PROT-02/series.svg',
	'/indicators/PROT-02/map.png'
];

interface Server {
	url: string;
	process: ChildProcess;
	output: string[];
}

async function serve(
	command: string[],
	database: string,
	port: number,
	env: Record<string, string> = {}
): Promise<Server> {
	const url = `http://127.0.0.1:${port}`;
	const child = spawn(process.execPath, command, {
		env: {
			...process.env,
			DATABASE_URL: database,
			PORT: String(port),
			HOST: '127.0.0.1',
			ORIGIN: url,
			LOG: 'stdout',
			...env
		},
		stdio: ['ignore', 'pipe', 'inherit']
	});
	const output: string[] = [];
	let rest = '';
	child.stdout!.on('data', (chunk) => {
		const lines = (rest + String(chunk)).split('\n');
		rest = lines.pop()!;
		output.push(...lines);
	});
	// Up once /healthz answers (a first start builds nothing: the suite's build is there).
	await expect
		.poll(
			async () => {
				if (child.exitCode !== null) throw new Error(`The server exited (${child.exitCode})`);
				return fetch(`${url}/healthz`).then(
					(r) => r.status,
					() => 0
				);
			},
			{ timeout: 60_000, intervals: [250] }
		)
		.toBe(200);
	return { url, process: child, output };
}

async function stop(server: Server | undefined): Promise<void> {
	if (!server || server.process.exitCode !== null) return;
	const exited = new Promise((resolve) => server.process.once('exit', resolve));
	server.process.kill('SIGTERM');
	await exited;
}

const run = (script: string, args: string[], database: string) =>
	spawnSync(process.execPath, ['scripts/run.mjs', `scripts/${script}.ts`, ...args], {
		env: { ...process.env, DATABASE_URL: database },
		encoding: 'utf8'
	});

async function body(url: string, locale: string): Promise<{ status: number; text: string }> {
	const response = await fetch(url, { headers: { cookie: `PARAGLIDE_LOCALE=${locale}` } });
	const bytes = Buffer.from(await response.arrayBuffer());
	return { status: response.status, text: bytes.toString('base64') };
}

test('a backup taken while the server runs, restored, serves the same public pages', async () => {
	test.setTimeout(300_000);
	const dir = mkdtempSync(join(tmpdir(), 'plan-monitor-restore-'));
	let original: Server | undefined;
	let restored: Server | undefined;
	try {
		const database = join(dir, 'original.db');
		// Scheduled backups every second, the newest two kept.
		const scheduled = join(dir, 'scheduled');
		original = await serve(['scripts/run.mjs', 'scripts/start.ts'], database, base + 1, {
			BACKUP_DIR: scheduled,
			BACKUP_CRON: '* * * * * *',
			BACKUP_KEEP: '2'
		});

		const backup = join(dir, 'backup.db');
		const backedUp = run('backup', [backup], database);
		expect(backedUp.stderr).toBe('');
		expect(backedUp.status).toBe(0);

		const refused = run('restore', [backup], database);
		expect(refused.status).toBe(2);
		expect(refused.stderr).toMatch(/is in use .*stop the server/);

		const copy = join(dir, 'restored', 'plan-monitor.db');
		expect(run('restore', [backup], copy).status).toBe(0);
		restored = await serve(['build/index.js'], copy, base + 2);

		const health = await Promise.all(
			[original, restored].map(async (s) => (await fetch(`${s.url}/healthz`)).json())
		);
		expect(health[0]).toMatchObject({ status: 'ok', migrations: { current: true } });
		expect(health[0].release.id).toBeGreaterThan(0);
		// The same release (only the first server has scheduled backups).
		expect(health[1]).toEqual({ ...health[0], backup: undefined });

		for (const locale of ['en', 'km'])
			for (const path of PAGES) {
				const [before, after] = await Promise.all(
					[original, restored].map((s) => body(`${s.url}${path}`, locale))
				);
				expect(before.status, `${locale} ${path}`).toBe(200);
				expect(after, `${locale} ${path}`).toEqual(before);
			}

		// The schedule ran in the server: its backups are checked copies, rotated.
		await expect
			.poll(async () => (await (await fetch(`${original!.url}/healthz`)).json()).backup?.last, {
				timeout: 60_000
			})
			.toMatch(/^\d{4}-/);
		await expect.poll(() => readdirSync(scheduled).filter((n) => n.endsWith('.db')).length).toBe(2);

		// What the log of the first server holds.
		const email = 'someone@example.org';
		await fetch(`${original.url}/indicators/PROT-02?email=${email}&year=2003`);
		await fetch(`${original.url}/submissions/98765`, { redirect: 'manual' });
		await stop(original);
		const lines = original.output.filter((l) => l.startsWith('{')).map((l) => JSON.parse(l));
		const requests = lines.filter((l) => l.type === 'request');
		expect(lines).toContainEqual(expect.objectContaining({ type: 'backup', ok: true }));
		expect(lines.filter((l) => l.type === 'backup' && !l.ok)).toEqual([]);
		expect(requests.length).toBeGreaterThan(PAGES.length * 2);
		for (const line of requests)
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
		expect(requests).toContainEqual(
			expect.objectContaining({ route: '/(public)/indicators/[code=code]', status: 200 })
		);
		expect(requests).toContainEqual(
			expect.objectContaining({ route: '/(app)/submissions/[id=id]', status: 303 })
		);
		const logged = lines.map((l) => JSON.stringify(l)).join('\n');
		for (const secret of [email, '98765', 'PROT-02', '127.0.0.1', '@'])
			expect(logged).not.toContain(secret);
	} finally {
		await stop(original);
		await stop(restored);
		rmSync(dir, { recursive: true, force: true });
	}
});
