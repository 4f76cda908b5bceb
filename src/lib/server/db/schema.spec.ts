import { describe, expectTypeOf, it } from 'vitest';
import type { Area, Indicator, Plan, Province } from '../../domain/plan-records';
import * as t from './schema';

describe('the schema', () => {
	it("has rows that are the domain's plan records, field for field", () => {
		// Checked by the type checker (npm run check): a column added to one and not the other fails.
		expectTypeOf<typeof t.plan.$inferSelect>().toEqualTypeOf<Plan>();
		expectTypeOf<typeof t.area.$inferSelect>().toEqualTypeOf<Area>();
		expectTypeOf<typeof t.indicator.$inferSelect>().toEqualTypeOf<Indicator>();
		expectTypeOf<typeof t.province.$inferSelect>().toEqualTypeOf<Province>();
	});
});
