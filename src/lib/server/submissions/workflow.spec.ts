import { count, eq } from 'drizzle-orm';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Db } from '../db';
import * as t from '../db/schema';
import {
	approveSubmission,
	createSubmission,
	getSubmission,
	listSubmissions,
	reportNothing,
	takeAction,
	type SubmissionRow
} from '.';
import { loadCompleteness } from '../completeness';
import { tempDatabase } from '../testing/temp-db';

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

describe('takeAction', () => {
	const licadho = { id: 'u-licadho', role: 'reporter', reporterCode: 'LICADHO' } as const;
	const cwcc = { id: 'u-cwcc', role: 'reporter', reporterCode: 'CWCC' } as const;
	const reviewer = { id: 'u-reviewer', role: 'reviewer', reporterCode: null } as const;
	const admin = { id: 'u-admin', role: 'admin', reporterCode: null } as const;
	const draft = () =>
		createSubmission(db, {
			reporter: 'LICADHO',
			period: '2002Q1',
			source: 'cli',
			status: 'draft',
			at: '2002-04-05T00:00:00.000Z',
			rows: [row(15)]
		});
	const status = (id: number) =>
		db.select().from(t.submission).where(eq(t.submission.id, id)).get()?.status;
	const refusal = (f: () => unknown) => {
		try {
			f();
		} catch (e) {
			return (e as { status?: number }).status;
		}
		return 'done';
	};

	it('runs the whole cycle, with comments and an audit row for each step', () => {
		const id = draft();
		takeAction(db, { id, action: 'submit', user: licadho, at: '2002-04-10T00:00:00.000Z' });
		expect(db.select().from(t.submission).where(eq(t.submission.id, id)).get()).toMatchObject({
			status: 'submitted',
			submittedAt: '2002-04-10T00:00:00.000Z'
		});
		takeAction(db, { id, action: 'return', user: reviewer, comment: 'Check Kampot' });
		expect(status(id)).toBe('returned');
		takeAction(db, { id, action: 'submit', user: licadho, at: '2002-05-01T00:00:00.000Z' });
		// The first submission date stays: on time is judged on it.
		expect(db.select().from(t.submission).where(eq(t.submission.id, id)).get()?.submittedAt).toBe(
			'2002-04-10T00:00:00.000Z'
		);
		takeAction(db, { id, action: 'approve', user: reviewer });
		expect(status(id)).toBe('approved');
		expect(approved()).toHaveLength(1);
		takeAction(db, { id, action: 'reopen', user: admin, comment: 'Figures under review by court' });
		expect(status(id)).toBe('returned');
		// Reopening takes the values off the approved record (into history): the next release
		// publishes without them until a correction is approved.
		expect(approved()).toHaveLength(0);
		const history = db.select().from(t.valueHistory).all();
		expect(history.map((h) => [h.value, h.submissionId])).toEqual([[15, id]]);
		const comments = db
			.select()
			.from(t.submissionComment)
			.all()
			.map((c) => [c.author, c.body]);
		expect(comments).toEqual([
			['u-reviewer', 'Check Kampot'],
			['u-admin', 'Figures under review by court']
		]);
		const actions = db
			.select({ action: t.auditLog.action })
			.from(t.auditLog)
			.where(eq(t.auditLog.subject, `submission:${id}`))
			.all()
			.map((a) => a.action);
		expect(actions).toEqual([
			'submission.submit',
			'submission.return',
			'submission.submit',
			'submission.approve',
			'submission.reopen'
		]);
	});

	it('refuses: 404 for another organisation, 403 for a role, 409 for a status, 400 without a comment', () => {
		const id = draft();
		expect(refusal(() => takeAction(db, { id, action: 'submit', user: cwcc }))).toBe(404);
		expect(refusal(() => takeAction(db, { id, action: 'submit', user: reviewer }))).toBe(404); // a draft is private
		takeAction(db, { id, action: 'submit', user: licadho });
		expect(refusal(() => takeAction(db, { id, action: 'approve', user: licadho }))).toBe(403);
		expect(refusal(() => takeAction(db, { id, action: 'submit', user: licadho }))).toBe(409);
		expect(
			refusal(() => takeAction(db, { id, action: 'return', user: reviewer, comment: '  ' }))
		).toBe(400);
		expect(
			refusal(() => takeAction(db, { id, action: 'reopen', user: reviewer, comment: 'x' }))
		).toBe(403);
		expect(status(id)).toBe('submitted');
	});

	it('lists only what the user may see', () => {
		const id = draft();
		expect(listSubmissions(db, licadho).rows.map((r) => r.id)).toEqual([id]);
		expect(listSubmissions(db, cwcc).rows).toEqual([]);
		expect(listSubmissions(db, reviewer).rows).toEqual([]);
		takeAction(db, { id, action: 'submit', user: licadho });
		expect(listSubmissions(db, reviewer).rows.map((r) => r.id)).toEqual([id]);
		expect(getSubmission(db, id, cwcc)).toBeNull();
		expect(getSubmission(db, id, reviewer)?.actions).toEqual(['return', 'approve']);
	});

	it('compares a submission with the approved record', () => {
		const first = submit([row(15), row(11, { sex: 'female' })]);
		approveSubmission(db, first, { reviewer: 'r', at: '2002-04-20T00:00:00.000Z' });
		const second = submit([row(16), row(11, { sex: 'female' }), row(5, { sex: 'male' })]);
		const found = getSubmission(db, second, reviewer);
		expect(found?.counts).toEqual({ new: 1, changed: 1, unchanged: 1 });
		expect(found?.values.map((v) => [v.sex, v.value, v.recorded, v.change])).toEqual([
			['female', 11, 11, 'unchanged'],
			['male', 5, null, 'new'],
			['total', 16, 15, 'changed']
		]);
	});
});

describe('reportNothing', () => {
	const lac = { id: 'u-lac', role: 'reporter', reporterCode: 'LAC' } as const;

	it('records a true zero that completeness counts as received, once per quarter', () => {
		const id = reportNothing(db, { user: lac, period: '2003Q3', at: '2003-10-05T00:00:00.000Z' });
		expect(db.select().from(t.submission).where(eq(t.submission.id, id)).get()).toMatchObject({
			status: 'submitted',
			nothingToReport: true,
			period: '2003Q3'
		});
		const cell = loadCompleteness(db, { through: '2003Q3' }).cells.find(
			(c) => c.reporter === 'LAC' && c.period === '2003Q3'
		);
		expect(cell).toMatchObject({ state: 'on_time', nothingToReport: true });
		expect(() => reportNothing(db, { user: lac, period: '2003Q3' })).toThrow(/submitted already/);
	});
});
