import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { computeDashboard } from './dashboard';
import type { Db } from './db';
import { tempDatabase } from './testing/temp-db';

let db: Db;
let dispose: () => void;
beforeEach(() => ({ db, dispose } = tempDatabase()));
afterEach(() => dispose());

describe('the dashboard computed now', () => {
	it('counts the plan by area from every indicator', () => {
		const { plan, pages } = computeDashboard(db, { suppress: true });
		expect(plan.areas).toHaveLength(5);
		expect(pages).toHaveLength(29);
	});
});
