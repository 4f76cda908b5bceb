/**
 * A second upload of a quarter, and what may go to review: the earlier draft is kept until the
 * reporter says to replace it (audited), and a submission with no valid figure or with questions
 * unanswered cannot be submitted.
 */
import { eq } from 'drizzle-orm';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Db } from '../db';
import * as t from '../db/schema';
import { tempDatabase } from '../testing/temp-db';
import {
	importFile,
	otherDrafts,
	replaceOtherDrafts,
	takeAction,
	WorkflowError,
	type ActingUser
} from '.';

let db: Db;
let dispose: () => void;
beforeEach(() => ({ db, dispose } = tempDatabase()));
afterEach(() => dispose());

const reporter: ActingUser = { id: 'u-licadho', role: 'reporter', reporterCode: 'LICADHO' };
const other: ActingUser = { id: 'u-other', role: 'reporter', reporterCode: 'MOSALVY' };

const HEADER = 'indicator,province,period,sex,age_group,value\n';
const upload = (body: string, name = 'licadho.csv') => {
	const result = importFile(db, {
		file: { name, content: Buffer.from(HEADER + body) },
		reporter: 'LICADHO',
		mode: 'draft',
		actor: reporter.id,
		maxBytes: 1_000_000
	});
	if ('refused' in result) throw new Error(result.refused);
	return result;
};
const status = (id: number) =>
	db.select().from(t.submission).where(eq(t.submission.id, id)).get()?.status;
const refusal = (run: () => unknown) => {
	try {
		run();
	} catch (e) {
		if (e instanceof WorkflowError) return e.status;
		throw e;
	}
	return null;
};

describe('a second upload of a quarter', () => {
	it('keeps the earlier draft and names it, until the reporter replaces it', () => {
		const first = upload('PROT-07,KH-12,2002Q1,total,all,15\n').submissions[0];
		const second = upload('PROT-07,KH-12,2002Q1,total,all,16\n', 'again.csv');
		const [id] = second.submissions;
		expect(second.otherDrafts).toEqual([first]);
		expect(status(first)).toBe('draft');
		expect(otherDrafts(db, id)).toEqual([first]);

		expect(refusal(() => replaceOtherDrafts(db, { id, user: other }))).toBe(404);
		expect(status(first)).toBe('draft');
		expect(replaceOtherDrafts(db, { id, user: reporter, address: '10.0.0.9' })).toEqual([first]);
		expect(status(first)).toBe('withdrawn');
		expect(otherDrafts(db, id)).toEqual([]);
		const audit = db
			.select()
			.from(t.auditLog)
			.where(eq(t.auditLog.subject, `submission:${first}`))
			.all()
			.find((a) => a.action === 'submission.withdraw');
		expect(audit).toMatchObject({ actor: reporter.id, address: '10.0.0.9' });
		expect(JSON.parse(audit?.detail ?? '{}')).toEqual({ replacedBy: id });
	});

	it('leaves other quarters’ drafts alone', () => {
		const first = upload('PROT-07,KH-12,2002Q1,total,all,15\n').submissions[0];
		const [id] = upload('PROT-07,KH-12,2002Q2,total,all,16\n', 'q2.csv').submissions;
		expect(otherDrafts(db, id)).toEqual([]);
		expect(replaceOtherDrafts(db, { id, user: reporter })).toEqual([]);
		expect(status(first)).toBe('draft');
	});

	it('replaces the earlier drafts from the command line when told to', () => {
		const first = upload('PROT-07,KH-12,2002Q1,total,all,15\n').submissions[0];
		const result = importFile(db, {
			file: {
				name: 'cli.csv',
				content: Buffer.from(HEADER + 'PROT-07,KH-12,2002Q1,total,all,17\n')
			},
			reporter: 'LICADHO',
			mode: 'submit',
			actor: 'cli',
			maxBytes: 1_000_000,
			replaceDrafts: true
		});
		if ('refused' in result) throw new Error(result.refused);
		expect(result.replacedDrafts).toEqual([first]);
		expect(status(first)).toBe('withdrawn');
	});
});

describe('what may be submitted', () => {
	it('refuses a draft with no valid figure', () => {
		const [id] = upload('PROT-07,KH-12,2002Q1,total,all,-3\n').submissions;
		expect(refusal(() => takeAction(db, { id, action: 'submit', user: reporter }))).toBe(409);
		expect(status(id)).toBe('draft');
	});

	it('refuses a draft whose unknown names are not answered, and takes it once they are gone', () => {
		const [id] = upload(
			'PROT-07,KH-12,2002Q1,total,all,15\nNOT-AN-INDICATOR,KH-12,2002Q1,total,all,4\n'
		).submissions;
		expect(refusal(() => takeAction(db, { id, action: 'submit', user: reporter }))).toBe(409);
		const [clean] = upload('PROT-07,KH-12,2002Q1,total,all,15\n', 'clean.csv').submissions;
		expect(takeAction(db, { id: clean, action: 'submit', user: reporter })).toBe('submitted');
	});
});
