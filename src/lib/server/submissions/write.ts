/**
 * The one writer of submissions and their values, for every channel: a file read by the importer
 * (from-file.ts, on the web and the command line), the demonstration loader, "nothing to report",
 * and whatever else hands over figures. Values go in batches through one prepared statement (one
 * statement for many rows costs far less than one per row; Drizzle's batch insert is several
 * times slower on large files), in the order they come: key order, for the importer's staged
 * figures.
 */
import { inTransaction, type Db } from '../db';
import * as t from '../db/schema';
import { storeFile } from '../files';
import type { SubmissionRow } from '../import/validate';

export type { SubmissionRow };

/** How a submission came in. */
export type Channel = 'upload' | 'cli' | 'demo';

/** What a submission is, before its values. */
export interface SubmissionHeader {
	reporter: string;
	period?: string | null;
	source: Channel;
	status?: 'draft' | 'submitted';
	file?: { name: string; content: Buffer; hash?: string };
	format?: 'canonical' | 'dhis2' | null;
	mapping?: unknown;
	summary?: unknown;
	nothingToReport?: boolean;
	createdBy?: string | null;
	/** ISO time the submission was created and, if `submitted`, submitted. */
	at: string;
}

export interface NewSubmission extends SubmissionHeader {
	rows: Iterable<SubmissionRow>;
}

/** Values per statement. */
export const BATCH = 100;
/** Columns of a `submission_value` row as the writer takes them, in this order. */
const COLUMNS = 9;

const insertSql = (rows: number) =>
	`INSERT INTO submission_value (submission_id, indicator_code, province_code, period, sex,
		age_group, value, note, source_row) VALUES ${Array(rows).fill('(?, ?, ?, ?, ?, ?, ?, ?, ?)').join(', ')}`;

/** Inserts a submission without values; returns its id. The file, if any, is stored once. */
export function openSubmission(db: Db, s: SubmissionHeader): number {
	const fileHash = s.file ? storeFile(db, s.file.content, s.file.hash) : null;
	const status = s.status ?? 'submitted';
	return db
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
		.get().id;
}

/**
 * Writes values: each batch is `BATCH` rows or fewer, flat, `COLUMNS` parameters a row
 * (submission, indicator, province, period, sex, age group, value, note, source row).
 */
export function insertValues(db: Db, batches: Iterable<unknown[]>): void {
	const full = db.$client.prepare(insertSql(BATCH));
	for (const batch of batches)
		(batch.length === BATCH * COLUMNS
			? full
			: db.$client.prepare(insertSql(batch.length / COLUMNS))
		).run(batch);
}

/** A submission's rows as the writer's batches. */
export function* rowBatches(id: number, rows: Iterable<SubmissionRow>): Generator<unknown[]> {
	let batch: unknown[] = [];
	for (const r of rows) {
		batch.push(
			id,
			r.indicator,
			r.province,
			r.period,
			r.sex,
			r.ageGroup,
			r.value,
			r.note ?? null,
			null
		);
		if (batch.length === BATCH * COLUMNS) {
			yield batch;
			batch = [];
		}
	}
	if (batch.length) yield batch;
}

/** Creates a submission with its rows, in one transaction; returns its id. */
export function createSubmission(db: Db, s: NewSubmission): number {
	return inTransaction(db, () => {
		const id = openSubmission(db, s);
		insertValues(db, rowBatches(id, s.rows));
		return id;
	});
}
