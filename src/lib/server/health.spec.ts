import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { shippedMigrations } from './db/migrations';
import { checkHealth } from './health';
import { publish } from './release';
import { tempDatabase } from './testing/temp-db';

afterEach(() => vi.unstubAllEnvs());

describe('checkHealth', () => {
	it('is ok on a migrated database, and gives the latest release', () => {
		const { db, dispose } = tempDatabase();
		try {
			expect(checkHealth(() => db)).toEqual({
				status: 'ok',
				database: 'ok',
				migrations: {
					applied: shippedMigrations().length,
					expected: shippedMigrations().length,
					current: true
				},
				release: null
			});
			const release = publish(db, 'test release', '2026-12-02T05:00:00.000Z');
			expect(checkHealth(() => db).release).toEqual({
				id: release.id,
				at: '2026-12-02T05:00:00.000Z'
			});
		} finally {
			dispose();
		}
	});

	it('is unavailable when the migrations are not the app’s or the database cannot be opened', () => {
		const { db, dispose } = tempDatabase();
		try {
			db.$client
				.prepare('INSERT INTO __drizzle_migrations (hash, created_at) VALUES (?, ?)')
				.run('later', shippedMigrations().at(-1)! + 1);
			expect(checkHealth(() => db)).toMatchObject({
				status: 'unavailable',
				database: 'ok',
				migrations: { current: false }
			});
		} finally {
			dispose();
		}
		const health = checkHealth(() => {
			throw new Error('SQLITE_CANTOPEN: /secret/path');
		});
		expect(health).toEqual({
			status: 'unavailable',
			database: 'unreachable',
			migrations: null,
			release: null
		});
	});

	it('says when the newest scheduled backup was written, when backups are on', () => {
		const { db, dispose } = tempDatabase();
		const dir = mkdtempSync(join(tmpdir(), 'plan-monitor-health-'));
		try {
			vi.stubEnv('BACKUP_DIR', dir);
			expect(checkHealth(() => db).backup).toEqual({ last: null });
			writeFileSync(join(dir, 'plan-monitor-20261202T020000Z.db'), '');
			expect(checkHealth(() => db).backup?.last).toMatch(/^\d{4}-\d\d-\d\dT/);
		} finally {
			dispose();
			rmSync(dir, { recursive: true, force: true });
		}
	});
});
