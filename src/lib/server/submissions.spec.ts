import { count, eq } from 'drizzle-orm';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Db } from './db';
import * as t from './db/schema';
import { approveSubmission, createSubmission, type SubmissionRow } from './submissions';
import { tempDatabase } from './testing/temp-db';

let db: Db;
let dispose: () => void;
beforeEach(() => ({ db, dispose } = tempDatabase()));
afterEach(() => dispose());

const row = (value: number, extra: Partial<SubmissionRow> = {}): SubmissionRow => ({
	indicator: 'PROT-07',
	province: 'KH-12',
	period: '2002Q1',
	sex: 'total',
	ageGroup: 'all',
	value,
	...extra
});

const submit = (rows: SubmissionRow[], at = '2002-04-10T09:00:00.000Z') =>
	createSubmission(db, {
		reporter: 'LICADHO',
		period: '2002Q1',
		source: 'cli',
		file: { name: 'licadho.csv', content: Buffer.from(JSON.stringify(rows)) },
		at,
		rows
	});

const approved = () => db.select().from(t.dataValue).orderBy(t.dataValue.sex).all();

describe('approveSubmission', () => {
	it('makes the values the approved record', () => {
		const id = submit([row(15), row(11, { sex: 'female' })]);
		expect(approved()).toHaveLength(0);
		expect(approveSubmission(db, id, { reviewer: 'r1', at: '2002-04-20T00:00:00.000Z' })).toBe(2);
		expect(approved().map((v) => [v.sex, v.value, v.reporterCode, v.submissionId])).toEqual([
			['female', 11, 'LICADHO', id],
			['total', 15, 'LICADHO', id]
		]);
		const sub = db.select().from(t.submission).where(eq(t.submission.id, id)).get();
		expect(sub).toMatchObject({ status: 'approved', reviewedBy: 'r1' });
		const audit = db
			.select()
			.from(t.auditLog)
			.where(eq(t.auditLog.action, 'submission.approve'))
			.get();
		expect(audit).toMatchObject({ actor: 'r1', subject: `submission:${id}` });
	});

	it('replaces an earlier approved value and keeps it in history; an unchanged one stays', () => {
		const first = submit([row(15), row(11, { sex: 'female' })]);
		approveSubmission(db, first, { reviewer: 'r1', at: '2002-04-20T00:00:00.000Z' });
		const second = submit([row(16), row(11, { sex: 'female' })], '2002-05-01T00:00:00.000Z');
		expect(approveSubmission(db, second, { reviewer: 'r2', at: '2002-05-02T00:00:00.000Z' })).toBe(
			1
		);

		const now = approved();
		expect(now.find((v) => v.sex === 'total')).toMatchObject({ value: 16, submissionId: second });
		expect(now.find((v) => v.sex === 'female')).toMatchObject({ value: 11, submissionId: first });
		const history = db.select().from(t.valueHistory).all();
		expect(history).toHaveLength(1);
		expect(history[0]).toMatchObject({
			value: 15,
			submissionId: first,
			replacedBySubmissionId: second,
			replacedAt: '2002-05-02T00:00:00.000Z'
		});
	});

	it('approves only a submitted submission, once', () => {
		const id = submit([row(15)]);
		approveSubmission(db, id, { reviewer: 'r1', at: '2002-04-20T00:00:00.000Z' });
		expect(() =>
			approveSubmission(db, id, { reviewer: 'r1', at: '2002-04-21T00:00:00.000Z' })
		).toThrow(/is approved/);
		expect(() =>
			approveSubmission(db, 9999, { reviewer: 'r1', at: '2002-04-21T00:00:00.000Z' })
		).toThrow(/No submission/);
	});
});

describe('createSubmission', () => {
	it('stores the original file once, by its hash', () => {
		submit([row(15)]);
		submit([row(15)]);
		expect(db.select({ n: count() }).from(t.storedFile).get()?.n).toBe(1);
		expect(db.select({ n: count() }).from(t.submission).get()?.n).toBe(2);
	});

	it('writes nothing when a row fails half-way', () => {
		expect(() =>
			submit([row(15), row(3, { indicator: 'NOPE-01' }), row(4, { sex: 'male' })])
		).toThrow();
		expect(db.select({ n: count() }).from(t.submission).get()?.n).toBe(0);
		expect(db.select({ n: count() }).from(t.submissionValue).get()?.n).toBe(0);
		expect(db.select({ n: count() }).from(t.storedFile).get()?.n).toBe(0);
	});
});
