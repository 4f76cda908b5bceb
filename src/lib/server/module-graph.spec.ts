/**
 * The shape of the server code, checked: no module imports itself through others (a cycle makes
 * the order of start-up an accident and a module impossible to read alone), and the importer
 * (import/) only reads — it imports nothing that writes to the database.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

const LIB = resolve('src/lib');

function sources(dir: string): string[] {
	return readdirSync(dir).flatMap((name) => {
		const path = join(dir, name);
		if (statSync(path).isDirectory()) return sources(path);
		return /\.ts$/.test(name) && !/\.spec\.ts$/.test(name) ? [path] : [];
	});
}

/** What a module imports from within src/lib, type-only imports included (`import type` too). */
function importsOf(file: string): { target: string; typeOnly: boolean }[] {
	const text = readFileSync(file, 'utf8');
	const found: { target: string; typeOnly: boolean }[] = [];
	for (const m of text.matchAll(/^(?:import|export)\s+(type\s+)?[^'";]*?from\s+'([^']+)'/gms)) {
		const spec = m[2];
		const path = spec.startsWith('$lib/')
			? join(LIB, spec.slice(5))
			: spec.startsWith('.')
				? resolve(dirname(file), spec)
				: null;
		if (!path) continue;
		const target = [`${path}.ts`, join(path, 'index.ts'), path].find((p) => {
			try {
				return statSync(p).isFile();
			} catch {
				return false;
			}
		});
		if (target) found.push({ target, typeOnly: Boolean(m[1]) });
	}
	return found;
}

const files = sources(LIB);
const graph = new Map(files.map((f) => [f, importsOf(f)]));
const name = (f: string) => relative(LIB, f);

/** Every cycle, each as the modules along it (Tarjan's strongly connected components). */
function cycles(): string[][] {
	let index = 0;
	const at = new Map<string, number>();
	const low = new Map<string, number>();
	const stack: string[] = [];
	const onStack = new Set<string>();
	const out: string[][] = [];
	const visit = (v: string) => {
		at.set(v, index);
		low.set(v, index++);
		stack.push(v);
		onStack.add(v);
		for (const { target: w } of graph.get(v) ?? []) {
			if (!at.has(w)) {
				visit(w);
				low.set(v, Math.min(low.get(v)!, low.get(w)!));
			} else if (onStack.has(w)) low.set(v, Math.min(low.get(v)!, at.get(w)!));
		}
		if (low.get(v) === at.get(v)) {
			const component: string[] = [];
			let w: string;
			do {
				w = stack.pop()!;
				onStack.delete(w);
				component.push(name(w));
			} while (w !== v);
			if (component.length > 1) out.push(component.sort());
		}
	};
	for (const f of files) if (!at.has(f)) visit(f);
	return out;
}

describe('the modules of src/lib', () => {
	it('import one another without a cycle', () => {
		expect(cycles()).toEqual([]);
	});

	it('leave writing to the submissions module: the importer imports only what reads', () => {
		// What a module of import/ may import: its own folder, the pure domain, the schema and
		// the configuration, and the database's type (not its transactions).
		const allowed = (target: string, typeOnly: boolean) => {
			const n = name(target);
			return (
				n.startsWith('..') || // outside src/lib: the messages
				n.startsWith('server/import/') ||
				n.startsWith('domain/') ||
				n === 'server/db/schema.ts' ||
				n === 'server/config.ts' ||
				(n === 'server/db/index.ts' && typeOnly)
			);
		};
		const wrong = files
			.filter((f) => name(f).startsWith('server/import/'))
			.flatMap((f) =>
				(graph.get(f) ?? [])
					.filter((i) => !allowed(i.target, i.typeOnly))
					.map((i) => `${name(f)} → ${name(i.target)}`)
			);
		expect(wrong).toEqual([]);
	});

	it('are all seen by this check', () => {
		// A check that read no imports would pass for any code.
		expect(graph.get(join(LIB, 'server/submissions/from-file.ts'))?.length).toBeGreaterThan(5);
	});
});
