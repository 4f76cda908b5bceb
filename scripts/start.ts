/**
 * `npm start`: build the app if the sources are newer than the build, prepare the database
 * (migrations, the default plan, and the demonstration data unless DEMO=0), then serve it on PORT
 * (default 3000), every response with `security-headers.ts`'s headers. DATABASE_URL selects the
 * database file (default data/plan-monitor.db).
 */
import { spawnSync } from 'node:child_process';
import type { Server } from 'node:http';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { createAuth } from '../src/lib/server/auth';
import { databaseFile } from '../src/lib/server/config';
import { openDatabase } from '../src/lib/server/db';
import { createDemoAccounts, DEMO_ACCOUNTS } from '../src/lib/server/demo/accounts';
import { hasDemoData, loadDemo } from '../src/lib/server/demo/load';
import { ensurePlan } from '../src/lib/server/plan';
import { securityHeaders, setOnEveryResponse } from '../src/lib/server/security-headers';

const BUILT = 'build/handler.js';
const SOURCES = [
	'src',
	'messages',
	'static',
	'project.inlang/settings.json',
	'svelte.config.js',
	'vite.config.ts',
	'package.json'
];

/** The newest modification time under a file or folder. */
function newest(path: string): number {
	if (!existsSync(path)) return 0;
	const stat = statSync(path);
	if (!stat.isDirectory()) return stat.mtimeMs;
	return readdirSync(path)
		.filter((name) => name !== 'paraglide')
		.reduce((latest, name) => Math.max(latest, newest(join(path, name))), stat.mtimeMs);
}

function buildIfNeeded(): void {
	const built = existsSync(BUILT) ? statSync(BUILT).mtimeMs : 0;
	if (built && Math.max(...SOURCES.map(newest)) <= built) return;
	console.log(built ? 'Sources changed: building the app…' : 'Building the app (first start)…');
	const result = spawnSync(
		process.execPath,
		['node_modules/vite/bin/vite.js', 'build', '--logLevel', 'error'],
		{
			stdio: ['ignore', 'ignore', 'inherit']
		}
	);
	if (result.status !== 0) {
		console.error('The build failed: see the messages above.');
		process.exit(1);
	}
}

async function prepareDatabase(): Promise<void> {
	const file = databaseFile();
	const db = openDatabase(file);
	ensurePlan(db);
	if (process.env.DEMO !== '0') {
		const loaded = loadDemo(db);
		if (loaded)
			console.log(
				`Loaded demonstration data: ${loaded.submissions} submissions, ${loaded.values} approved values.`
			);
	}
	const demo = hasDemoData(db);
	console.log(`Database: ${resolve(file)}${demo ? ' (demonstration data)' : ''}`);
	if (demo) {
		await createDemoAccounts(db, createAuth(db));
		console.log('Demonstration accounts (e-mail / password):');
		for (const a of DEMO_ACCOUNTS)
			console.log(
				`  ${a.role.padEnd(8)} ${a.email.padEnd(24)} ${a.password}${a.reporterCode ? `  (${a.reporterCode})` : ''}`
			);
	}
	db.$client.close();
}

process.env.PORT ||= '3000';
process.env.ORIGIN ||= `http://localhost:${process.env.PORT}`;
// Uploads up to the import limit (IMPORT_MAX_MB, default 50) must get through the server.
process.env.BODY_SIZE_LIMIT ||= String(
	Number(process.env.IMPORT_MAX_MB || 50) * 1_000_000 + 1_000_000
);
buildIfNeeded();
await prepareDatabase();
console.log(`Plan Monitor is at ${process.env.ORIGIN}`);
const { server } = (await import(pathToFileURL(resolve('build/index.js')).href)) as {
	server: { server: Server };
};
// Static files are served before any hook runs: these headers are set on the server itself.
setOnEveryResponse(server.server, securityHeaders(process.env.ORIGIN));
