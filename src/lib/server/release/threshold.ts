/**
 * The threshold k of the public tier: counts from 1 to k − 1 of sensitive indicators are
 * withheld. Read here; an admin sets it with `setPublicThreshold` (publish.ts), which makes a
 * release with it.
 */
import { eq } from 'drizzle-orm';
import { PUBLIC_K, thresholdOf } from '../../domain/privacy';
import type { Db } from '../db';
import * as t from '../db/schema';

/** The setting that holds k. */
export const K_SETTING = 'public_k';

/** The threshold k in force: counts from 1 to k − 1 of sensitive indicators are withheld. */
export function publicThreshold(db: Db): number {
	const row = db.select().from(t.setting).where(eq(t.setting.key, K_SETTING)).get();
	return thresholdOf(row ? Number(row.value) : PUBLIC_K);
}
