/**
 * `node scripts/run.mjs <script.ts> [arguments]`: runs one of the project's command-line scripts.
 *
 * It bundles the script and our modules with esbuild (a few milliseconds; packages stay in
 * node_modules) into a file of its own under node_modules/.cache, runs it, and removes it at
 * exit. The command starts in about a third of a second, where tsx takes nearly a second: this
 * matters for `npm run import`, run once per file, often on small ones.
 */
import { build } from 'esbuild';
import { mkdirSync, rmSync } from 'node:fs';
import { basename, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';

const [script, ...args] = process.argv.slice(2);
if (!script) {
	console.error('Usage: node scripts/run.mjs <script.ts> [arguments]');
	process.exit(2);
}
const dir = resolve('node_modules/.cache/plan-monitor');
mkdirSync(dir, { recursive: true });
const outfile = resolve(dir, `${basename(script, '.ts')}-${process.pid}.mjs`);
process.on('exit', () => rmSync(outfile, { force: true }));

await build({
	entryPoints: [script],
	outfile,
	bundle: true,
	packages: 'external',
	platform: 'node',
	format: 'esm',
	target: 'node20',
	sourcemap: 'inline',
	logLevel: 'warning'
});
// Stack traces name the TypeScript files and lines.
process.setSourceMapsEnabled(true);
// The script reads its arguments from process.argv, as if it had been run directly.
process.argv = [process.argv[0], resolve(script), ...args];
await import(pathToFileURL(outfile).href);
