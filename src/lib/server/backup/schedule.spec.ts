import { mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { tempDatabase } from '../testing/temp-db';
import { checkDatabaseFile } from './backup';
import { runScheduledBackup, startScheduledBackups } from './schedule';

let lines: Record<string, unknown>[];
let dir: string;
beforeEach(() => {
	lines = [];
	dir = mkdtempSync(join(tmpdir(), 'plan-monitor-schedule-'));
	vi.stubEnv('LOG', 'stdout');
	vi.spyOn(process.stdout, 'write').mockImplementation((chunk) => {
		lines.push(JSON.parse(String(chunk)));
		return true;
	});
});
afterEach(() => {
	vi.restoreAllMocks();
	vi.unstubAllEnvs();
	rmSync(dir, { recursive: true, force: true });
});

describe('scheduled backups', () => {
	it('are off without BACKUP_DIR, and refuse settings that are not valid', () => {
		const { db, dispose } = tempDatabase();
		try {
			vi.stubEnv('BACKUP_DIR', '');
			expect(startScheduledBackups(() => db)).toBeNull();
			vi.stubEnv('BACKUP_DIR', dir);
			vi.stubEnv('BACKUP_CRON', 'every night');
			expect(() => startScheduledBackups(() => db)).toThrow(/BACKUP_CRON is not a cron expression/);
			vi.stubEnv('BACKUP_CRON', '');
			vi.stubEnv('BACKUP_KEEP', '0');
			expect(() => startScheduledBackups(() => db)).toThrow(/BACKUP_KEEP/);
		} finally {
			dispose();
		}
	});

	it('run at the times of BACKUP_CRON', () => {
		const { db, dispose } = tempDatabase();
		try {
			vi.stubEnv('BACKUP_DIR', dir);
			vi.stubEnv('BACKUP_CRON', '30 1 * * *');
			const job = startScheduledBackups(() => db)!;
			try {
				const next = job.nextRun()!;
				expect([next.getHours(), next.getMinutes()]).toEqual([1, 30]);
				expect(lines[0]).toMatchObject({ type: 'backup-schedule', keep: 14, cron: '30 1 * * *' });
			} finally {
				job.stop();
			}
		} finally {
			dispose();
		}
	});

	it('write a checked backup, keep the newest, and log each run, failed or not', async () => {
		const { db, dispose } = tempDatabase();
		try {
			writeFileSync(join(dir, 'plan-monitor-20000101T000000Z.db'), 'an old backup');
			writeFileSync(join(dir, 'plan-monitor-20000102T000000Z.db'), 'a newer old backup');
			expect(await runScheduledBackup(db, dir, 2)).toBe(true);
			const names = readdirSync(dir);
			expect(names).toHaveLength(2);
			expect(names).toContain('plan-monitor-20000102T000000Z.db');
			const made = names.find((n) => !n.startsWith('plan-monitor-2000'))!;
			expect(checkDatabaseFile(join(dir, made)).ok).toBe(true);
			expect(lines[0]).toMatchObject({ type: 'backup', ok: true, removed: 1 });

			const notAFolder = join(dir, made);
			expect(await runScheduledBackup(db, notAFolder, 2)).toBe(false);
			expect(lines[1]).toMatchObject({ type: 'backup', ok: false });
		} finally {
			dispose();
		}
	});
});
