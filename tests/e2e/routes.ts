/**
 * Every route and form action of the app, found by walking src/routes (so that a new one cannot
 * be forgotten by the tests that go through them all): `/route GET`, `/route POST` (endpoints),
 * `/route ?/action` (form actions), groups and parameter matchers dropped (`[id=id]` is `[id]`).
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';

/** The keys of the object literal exported as `actions` (its top level only). */
function actionNames(source: string): string[] {
	const start = source.indexOf('export const actions');
	if (start < 0) return [];
	const body = source.slice(source.indexOf('{', start));
	const names: string[] = [];
	let depth = 0;
	for (let i = 0; i < body.length; i++) {
		const c = body[i];
		if (c === '{' || c === '(' || c === '[') depth++;
		else if (c === '}' || c === ')' || c === ']') {
			if (--depth === 0) break;
		} else if (depth === 1 && (i === 0 || /[{,]/.test(body[i - 1]) || /\s/.test(c))) {
			const key = /^\s*(\w+)\s*:/.exec(body.slice(i));
			const before = body.slice(0, i).trimEnd().at(-1);
			if (key && (before === '{' || before === ',')) {
				names.push(key[1]);
				i += key[0].length - 1;
			}
		}
	}
	return names;
}

/** Every route and action in the source tree, in the keys of MATRIX. */
export function discover(dir = 'src/routes', route = ''): string[] {
	const found: string[] = [];
	for (const name of readdirSync(dir).sort()) {
		const path = join(dir, name);
		if (statSync(path).isDirectory()) {
			const segment = /^\(.*\)$/.test(name) ? '' : `/${name.replace(/\[(\w+)=\w+\]/g, '[$1]')}`;
			found.push(...discover(path, route + segment));
			continue;
		}
		const at = route || '/';
		if (name === '+page.svelte') found.push(`${at} GET`);
		if (name === '+server.ts')
			for (const [, method] of readFileSync(path, 'utf8').matchAll(
				/export const (GET|POST|PUT|PATCH|DELETE)\b/g
			))
				found.push(`${at} ${method}`);
		if (name === '+page.server.ts')
			for (const action of actionNames(readFileSync(path, 'utf8'))) found.push(`${at} ?/${action}`);
	}
	return found;
}
