/**
 * The import in its worker thread, on a real database file shared with this thread's connection:
 * the same summary as in-process, a dry run that writes nothing, a refusal read from disk within
 * the limit, and a worker out of heap that leaves the database as it was.
 */
import { count } from 'drizzle-orm';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Db } from '../db';
import * as t from '../db/schema';
import { tempDatabase } from '../testing/temp-db';
import { Refused } from '../refused';
import { importInWorker, remapInWorker } from './in-worker';

let db: Db;
let file: string;
let dispose: () => void;
let dir: string;
beforeEach(() => {
	({ db, file, dispose } = tempDatabase());
	dir = mkdtempSync(join(tmpdir(), 'plan-monitor-worker-'));
});
afterEach(() => {
	dispose();
	rmSync(dir, { recursive: true, force: true });
});

const HEADER = 'reporter,indicator,province,period,sex,age_group,value,note\n';
const write = (name: string, content: string) => {
	const path = join(dir, name);
	writeFileSync(path, content);
	return path;
};
const task = (path: string) => ({
	database: file,
	path,
	name: 'upload.csv',
	reporter: 'LICADHO',
	actor: 'u',
	maxBytes: 50_000_000
});
const counts = () => ({
	submissions: db.select({ n: count() }).from(t.submission).get()?.n,
	values: db.select({ n: count() }).from(t.submissionValue).get()?.n
});

describe('importInWorker', () => {
	const file1 = HEADER + 'LICADHO,PROT-02,KH-12,2001Q2,,,40,\nLICADHO,PROT-02,KH-12,2001Q3,,,x,\n';

	it('keeps a draft, seen at once by this thread’s connection', async () => {
		const r = await importInWorker({ ...task(write('a.csv', file1)), mode: 'draft' });
		expect(r).toMatchObject({ rows: 2, new: 1, rejected: 1, errorCount: 1, submissions: [1] });
		expect(counts()).toEqual({ submissions: 1, values: 1 });
	});

	it('writes nothing in a dry run, and answers as a real import would', async () => {
		const r = await importInWorker({ ...task(write('a.csv', file1)), mode: 'dry-run' });
		expect(r).toMatchObject({ rows: 2, new: 1, rejected: 1, submissions: [] });
		expect(counts()).toEqual({ submissions: 0, values: 0 });
	});

	it('refuses a file over the limit without reading it', async () => {
		const r = await importInWorker({
			...task(write('a.csv', file1)),
			mode: 'draft',
			maxBytes: 10
		});
		expect(r).toMatchObject({ message: { key: 'import_too_large' } });
		expect(counts()).toEqual({ submissions: 0, values: 0 });
	});

	it('a worker out of heap refuses the file and leaves the database as it was', async () => {
		// Every row valid with a note of its own: far more to hold than a 24 MB heap.
		const rows = Array.from(
			{ length: 60_000 },
			(_, i) =>
				`LICADHO,PROT-02,KH-${(i % 24) + 1},${2000 + (Math.floor(i / 24) % 5)}Q${(Math.floor(i / 120) % 4) + 1},,,${i},note ${i} ${'n'.repeat(400)}\n`
		);
		const r = await importInWorker({
			...task(write('big.csv', HEADER + rows.join(''))),
			mode: 'draft',
			heapMb: 24
		});
		expect(r).toMatchObject({ message: { key: 'import_out_of_memory', params: { limit: 24 } } });
		expect(counts()).toEqual({ submissions: 0, values: 0 });
		expect(db.$client.pragma('integrity_check', { simple: true })).toBe('ok');
	}, 60_000);

	it('runs the mapping step on a draft, and refuses another organisation’s as its own would', async () => {
		const path = write('m.csv', 'Indicator,Where,Quarter,Number\nRECO-01,Kandal,2002Q2,12\n');
		const draft = await importInWorker({ ...task(path), mode: 'draft' });
		if ('refused' in draft) throw new Error(draft.refused);
		expect(draft.unknown.headers).toEqual(['Where']);
		const user = { id: 'u', role: 'reporter' as const, reporterCode: 'LICADHO' };
		const answers = {
			headers: { Where: 'province' },
			indicators: {},
			provinces: {}
		};
		const mapped = await remapInWorker({ database: file, id: draft.submissions[0], user, answers });
		expect(mapped).toMatchObject({ rows: 1, new: 1, rejected: 0 });
		expect(counts()).toEqual({ submissions: 1, values: 1 });
		const other = { ...user, reporterCode: 'CWCC' };
		await expect(
			remapInWorker({ database: file, id: draft.submissions[0], user: other, answers })
		).rejects.toEqual(new Refused(404, 'refused_no_submission'));
	});
});
