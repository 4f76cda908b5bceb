/** The plan command: an export that loads back as the same plan, and a diff that changes nothing. */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

let dir: string;
beforeAll(() => {
	dir = mkdtempSync(join(tmpdir(), 'plan-monitor-plan-'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const plan = (args: string[]) =>
	spawnSync(process.execPath, ['scripts/run.mjs', 'scripts/plan.ts', ...args], {
		env: { ...process.env, DATABASE_URL: join(dir, 'plan.db') },
		encoding: 'utf8'
	});

describe('npm run plan', () => {
	it('exports the plan, and a diff of the export finds no difference', () => {
		const file = join(dir, 'plan.json');
		expect(plan(['export', file]).status).toBe(0);
		expect(JSON.parse(readFileSync(file, 'utf8')).code).toBe('KH-NPA-2000');
		const run = plan(['diff', file]);
		expect(run.status).toBe(0);
		expect(run.stdout.trim()).toBe('No difference: the file is the plan in the database.');
	});

	it('lists what a revised file would change, and changes nothing', () => {
		const exported = JSON.parse(plan(['export']).stdout);
		exported.indicators.find((i: { code: string }) => i.code === 'PROT-02').target.milestones[
			'2003'
		] = 999;
		const file = join(dir, 'revised.json');
		writeFileSync(file, JSON.stringify(exported));
		const run = plan(['diff', file]);
		expect(run.status).toBe(0);
		expect(run.stdout).toMatch(/^indicators\.PROT-02\.target\.milestones\.2003: \d+ → 999$/m);
		expect(run.stdout).toContain('1 difference; nothing was changed.');
		// Nothing was applied: the database's plan still has the old milestone.
		expect(JSON.parse(plan(['export']).stdout)).not.toEqual(exported);
	});

	it('refuses a plan file with errors, naming the entry', () => {
		const file = join(dir, 'bad.json');
		writeFileSync(file, JSON.stringify({ code: 'x' }));
		const run = plan(['diff', file]);
		expect(run.status).toBe(2);
		expect(run.stderr).toMatch(/has errors/);
	});
});
