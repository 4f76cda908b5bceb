/**
 * `node scripts/run.mjs <script.ts> [arguments]`: runs one of the project's TypeScript scripts
 * (`npm start`, `npm run import`, `npm run user`, the benchmarks): the one way they are run.
 *
 * It bundles the script and our modules with esbuild (a few milliseconds; packages stay in
 * node_modules) and runs the bundle from node_modules/.cache, where it is kept under the hash of
 * its content: the same sources give the same file, whoever runs them and however they end. A
 * command starts in about 0.4 s where tsx took 0.9 s: this matters for `npm run import`, run once
 * per file, often on small ones.
 */
import { build } from 'esbuild';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, renameSync, writeFileSync } from 'node:fs';
import { basename, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';

const [script, ...args] = process.argv.slice(2);
if (!script) {
	console.error('Usage: node scripts/run.mjs <script.ts> [arguments]');
	process.exit(2);
}
const { outputFiles } = await build({
	entryPoints: [script],
	write: false,
	outfile: 'bundle.mjs',
	bundle: true,
	packages: 'external',
	platform: 'node',
	format: 'esm',
	target: 'node20',
	sourcemap: 'inline',
	logLevel: 'warning'
});
const code = outputFiles[0].contents;
const dir = resolve('node_modules/.cache/plan-monitor');
const hash = createHash('sha256').update(code).digest('hex').slice(0, 16);
const file = resolve(dir, `${basename(script, '.ts')}-${hash}.mjs`);
if (!existsSync(file)) {
	// Written aside and renamed: a run that starts meanwhile never reads half a file.
	mkdirSync(dir, { recursive: true });
	const partial = `${file}.${process.pid}`;
	writeFileSync(partial, code);
	renameSync(partial, file);
}
// Stack traces name the TypeScript files and lines.
process.setSourceMapsEnabled(true);
// The script reads its arguments from process.argv, as if it had been run directly.
process.argv = [process.argv[0], resolve(script), ...args];
await import(pathToFileURL(file).href);
