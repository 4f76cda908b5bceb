/**
 * Submissions and their values: creating one from validated rows, and approving it.
 *
 * Contract: every function here is one SQLite transaction; a failure leaves the database as it
 * was. Bulk rows go through prepared better-sqlite3 statements (Drizzle's batch insert is several
 * times slower on large files). Approval is set-based SQL: the submission's values replace the
 * approved values with the same key, and a replaced value moves to `value_history`. A value that a
 * later submission sends again unchanged stays as it was, so re-approving the same figures
 * changes nothing.
 */
import { createHash } from 'node:crypto';
import { eq } from 'drizzle-orm';
import { inTransaction, type Db } from './db';
import * as t from './db/schema';

export type Sex = (typeof t.SEXES)[number];
export type AgeGroup = (typeof t.AGE_GROUPS)[number];

/** One valid figure of a submission. */
export interface SubmissionRow {
	indicator: string;
	province: string;
	period: string;
	sex: Sex;
	ageGroup: AgeGroup;
	value: number;
	note?: string | null;
}

export interface NewSubmission {
	reporter: string;
	period?: string | null;
	source: 'upload' | 'cli' | 'demo';
	status?: 'draft' | 'submitted';
	file?: { name: string; content: Buffer };
	format?: 'canonical' | 'dhis2';
	mapping?: unknown;
	summary?: unknown;
	nothingToReport?: boolean;
	createdBy?: string | null;
	/** ISO time the submission was created and, if `submitted`, submitted. */
	at: string;
	rows: Iterable<SubmissionRow>;
}

/** SHA-256 of a file's bytes, hex: the key original files are stored under. */
export function hashFile(content: Buffer): string {
	return createHash('sha256').update(content).digest('hex');
}

/** Creates a submission with its rows; returns its id. */
export function createSubmission(db: Db, s: NewSubmission): number {
	const sqlite = db.$client;
	const insertValue = sqlite.prepare(
		`INSERT INTO submission_value
			(submission_id, indicator_code, province_code, period, sex, age_group, value, note)
		 VALUES (?, ?, ?, ?, ?, ?, ?, ?)`
	);
	return inTransaction(db, () => {
		let fileHash: string | null = null;
		if (s.file) {
			fileHash = hashFile(s.file.content);
			db.insert(t.storedFile)
				.values({ hash: fileHash, size: s.file.content.length, content: s.file.content })
				.onConflictDoNothing()
				.run();
		}
		const status = s.status ?? 'submitted';
		const { id } = db
			.insert(t.submission)
			.values({
				reporterCode: s.reporter,
				period: s.period ?? null,
				status,
				source: s.source,
				fileName: s.file?.name ?? null,
				fileHash,
				format: s.format ?? null,
				mapping: s.mapping === undefined ? null : JSON.stringify(s.mapping),
				summary: s.summary === undefined ? null : JSON.stringify(s.summary),
				nothingToReport: s.nothingToReport ?? false,
				createdBy: s.createdBy ?? null,
				createdAt: s.at,
				submittedAt: status === 'submitted' ? s.at : null
			})
			.returning({ id: t.submission.id })
			.get();
		for (const r of s.rows)
			insertValue.run(
				id,
				r.indicator,
				r.province,
				r.period,
				r.sex,
				r.ageGroup,
				r.value,
				r.note ?? null
			);
		return id;
	});
}

const SAME_KEY = `d.indicator_code = s.indicator_code AND d.province_code = s.province_code
	AND d.period = s.period AND d.sex = s.sex AND d.age_group = s.age_group`;

/**
 * Approves a submitted submission: its values become the approved record. Returns the number of
 * values that were new or changed. Throws if the submission is not `submitted`.
 */
export function approveSubmission(
	db: Db,
	id: number,
	options: { reviewer: string; at: string; address?: string | null }
): number {
	const sqlite = db.$client;
	return inTransaction(db, () => {
		const sub = db.select().from(t.submission).where(eq(t.submission.id, id)).get();
		if (!sub) throw new Error(`No submission ${id}`);
		if (sub.status !== 'submitted')
			throw new Error(`Submission ${id} is ${sub.status}: only a submitted one can be approved`);
		const changed = `(d.value IS NOT s.value OR d.note IS NOT s.note)`;
		sqlite
			.prepare(
				`INSERT INTO value_history (indicator_code, province_code, period, reporter_code, sex,
					age_group, value, note, submission_id, approved_at, replaced_by_submission_id, replaced_at)
				 SELECT d.indicator_code, d.province_code, d.period, d.reporter_code, d.sex, d.age_group,
					d.value, d.note, d.submission_id, d.approved_at, s.submission_id, @at
				 FROM submission_value s JOIN data_value d ON ${SAME_KEY} AND d.reporter_code = @reporter
				 WHERE s.submission_id = @id AND ${changed}`
			)
			.run({ id, reporter: sub.reporterCode, at: options.at });
		const { changes } = sqlite
			.prepare(
				`INSERT INTO data_value (indicator_code, province_code, period, reporter_code, sex,
					age_group, value, note, submission_id, approved_at)
				 SELECT indicator_code, province_code, period, @reporter, sex, age_group, value, note,
					submission_id, @at
				 FROM submission_value WHERE submission_id = @id
				 ON CONFLICT (indicator_code, province_code, period, reporter_code, sex, age_group)
				 DO UPDATE SET value = excluded.value, note = excluded.note,
					submission_id = excluded.submission_id, approved_at = excluded.approved_at
				 WHERE data_value.value IS NOT excluded.value OR data_value.note IS NOT excluded.note`
			)
			.run({ id, reporter: sub.reporterCode, at: options.at });
		db.update(t.submission)
			.set({ status: 'approved', reviewedBy: options.reviewer, reviewedAt: options.at })
			.where(eq(t.submission.id, id))
			.run();
		db.insert(t.auditLog)
			.values({
				at: options.at,
				actor: options.reviewer,
				action: 'submission.approve',
				subject: `submission:${id}`,
				detail: JSON.stringify({ reporter: sub.reporterCode, values: changes }),
				address: options.address ?? null
			})
			.run();
		return changes;
	});
}
