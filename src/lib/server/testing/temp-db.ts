/**
 * Test helper: a fresh database file in a temporary folder, migrated and given the default plan,
 * removed after the test. Real SQLite, never a mock.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openDatabase, type Db } from '../db';
import { ensurePlan } from '../plan';

export function tempDatabase(): { db: Db; file: string; dispose: () => void } {
	const dir = mkdtempSync(join(tmpdir(), 'plan-monitor-test-'));
	const file = join(dir, 'test.db');
	const db = openDatabase(file);
	ensurePlan(db);
	return {
		db,
		file,
		dispose: () => {
			db.$client.close();
			rmSync(dir, { recursive: true, force: true });
		}
	};
}
