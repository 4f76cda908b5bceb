/**
 * What a plan file would change in the current plan, entry by entry: areas, indicators and
 * reporters matched by code, every other field compared by value. Pure; `npm run plan -- diff`
 * prints it, so a secretariat sees a revised plan file's effect before anything is applied.
 */

/** One difference: where (`indicators.PROT-02.target.milestones.2003`), before and after. */
export interface PlanChange {
	path: string;
	/** Absent: added. */
	before?: unknown;
	/** Absent: removed. */
	after?: unknown;
}

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

/** Lists of entries with a code are compared by code, in any order. */
const isCoded = (value: unknown): value is { code: string }[] =>
	Array.isArray(value) &&
	value.length > 0 &&
	value.every((v) => typeof v === 'object' && v !== null && typeof v.code === 'string');

const keyed = (entries: { code: string }[]) => new Map(entries.map((e) => [e.code, e]));

/** The differences between two plan files (or any two JSON values), in a stable order. */
export function diffPlans(before: unknown, after: unknown, path = ''): PlanChange[] {
	const at = (key: string) => (path ? `${path}.${key}` : key);
	if (isCoded(before) && isCoded(after)) {
		const a = keyed(before);
		const b = keyed(after);
		const changes: PlanChange[] = [];
		for (const [code, entry] of a)
			if (!b.has(code)) changes.push({ path: at(code), before: entry });
			else changes.push(...diffPlans(entry, b.get(code), at(code)));
		for (const [code, entry] of b) if (!a.has(code)) changes.push({ path: at(code), after: entry });
		return changes;
	}
	if (isObject(before) && isObject(after)) {
		const keys = [...new Set([...Object.keys(before), ...Object.keys(after)])];
		return keys.flatMap((key) => {
			if (!(key in after)) return [{ path: at(key), before: before[key] }];
			if (!(key in before)) return [{ path: at(key), after: after[key] }];
			return diffPlans(before[key], after[key], at(key));
		});
	}
	return same(before as Json, after as Json) ? [] : [{ path, before, after }];
}

const isObject = (value: unknown): value is Record<string, unknown> =>
	typeof value === 'object' && value !== null && !Array.isArray(value);

const same = (a: Json, b: Json) => JSON.stringify(a) === JSON.stringify(b);
