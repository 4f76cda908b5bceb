/**
 * A file becomes submissions: the channel of uploads, from the web (in a worker thread,
 * in-worker.ts) and the command line alike. The importer reads the file (../import/read.ts, no
 * writes); this writes one submission per reporter with figures (write.ts, in key order),
 * compares it with the record (compare.ts), keeps the report with it, sets its status, audits,
 * approves if asked (workflow.ts), and asks before older drafts of the quarter are replaced.
 *
 * Everything happens in one SQLite transaction, begun IMMEDIATE (db/index.ts): it takes the write
 * lock at the start, waiting while another connection writes, so the command line and the web can
 * import at the same time. A dry run rolls it back at the end, so it checks exactly what a
 * real import would, and writes nothing; a failure half-way rolls back too. Re-importing a file
 * that is already in a submission (same bytes, not withdrawn) changes nothing and answers with the
 * existing submission.
 */
import { and, eq, ne } from 'drizzle-orm';
import { audit } from '../audit';
import { inTransaction, type Db } from '../db';
import * as t from '../db/schema';
import { hashFile } from '../files';
import type { Refusal } from '../import/decode';
import { readImport, type ImportReport } from '../import/read';
import { logImport } from '../log';
import { refreshReviewPages } from '../release';
import { countChanges, listChanges, type ValueChange } from './compare';
import { insertValues, openSubmission, BATCH } from './write';
import { approveSubmission, otherDrafts, withdrawOtherDrafts } from './workflow';

export type { ValueChange };

/** At most this many changed values are listed in a summary. */
const MAX_CHANGES = 500;

export type ImportMode = 'dry-run' | 'draft' | 'submit' | 'approve';

export interface ImportOptions {
	file: { name: string; content: Uint8Array };
	/** Every row belongs to this reporter (the uploader's organisation, or `--reporter`). */
	reporter?: string;
	/** dry-run: write nothing; draft: keep as a draft; submit: submit; approve: submit and approve. */
	mode: ImportMode;
	/** Who imports: a user id, or `cli`. */
	actor: string;
	address?: string | null;
	/** Refuse files larger than this (bytes). */
	maxBytes: number;
	/** Re-read the file into this existing draft (after a mapping was added), replacing its values. */
	into?: number;
	/** Withdraw the earlier drafts of the same organisation and quarter (else they are kept). */
	replaceDrafts?: boolean;
	at?: string;
}

/** What an import did: the importer's report, and how its figures compare with the record. */
export interface ImportSummary extends ImportReport {
	new: number;
	changed: number;
	unchanged: number;
	/** Changed values, old → new, at most MAX_CHANGES of them. */
	changes: ValueChange[];
	submissions: number[];
	/** The file was imported before: nothing was written. */
	alreadyImported: boolean;
	/** Earlier drafts of the same organisation and quarter, kept beside the new submissions. */
	otherDrafts: number[];
	/** Earlier drafts withdrawn because the import replaced them. */
	replacedDrafts: number[];
}

/** What an import keeps with each submission it makes: its report, as its page shows it. */
export type StoredReport = Omit<ImportSummary, 'submissions' | 'otherDrafts' | 'replacedDrafts'>;

class RollBack extends Error {}

/**
 * Imports a file. Returns the summary, or the importer's refusal of the whole file. Writes the
 * import's log line (counts and ids only).
 */
export function importFile(db: Db, options: ImportOptions): ImportSummary | Refusal {
	const started = performance.now();
	const result = importAndSummarise(db, options);
	logImport(result, { mode: options.mode, started });
	return result;
}

function importAndSummarise(db: Db, options: ImportOptions): ImportSummary | Refusal {
	// A view of the same bytes, not a copy: files can be large.
	const content = Buffer.from(
		options.file.content.buffer,
		options.file.content.byteOffset,
		options.file.content.byteLength
	);
	const hash = hashFile(content);
	const at = options.at ?? new Date().toISOString();

	// The same bytes already in a live submission: answer with it, write nothing.
	const earlier =
		options.mode === 'dry-run' || options.into
			? []
			: db
					.select({ id: t.submission.id })
					.from(t.submission)
					.where(
						and(
							eq(t.submission.fileHash, hash),
							ne(t.submission.status, 'withdrawn'),
							options.reporter ? eq(t.submission.reporterCode, options.reporter) : undefined
						)
					)
					.all()
					.map((s) => s.id);
	const mode: ImportMode = earlier.length ? 'dry-run' : options.mode;
	let committing = 0;

	let result: ImportSummary | Refusal | undefined;
	// Every staged code was looked up in the plan's own tables (the dictionary), so foreign keys
	// hold by construction; checking them again row by row costs a third of a large import.
	// SQLite only lets this be switched outside a transaction, and back on after it.
	const sqlite = db.$client;
	const checkKeys =
		!sqlite.inTransaction && (sqlite.pragma('foreign_keys', { simple: true }) as number) === 1;
	if (checkKeys) sqlite.pragma('foreign_keys = OFF');
	try {
		inTransaction(db, () => {
			result = writeFile(db, { ...options, mode }, { content, hash, at });
			committing = performance.now();
			if (mode === 'dry-run' || 'refused' in result) throw new RollBack();
		});
	} catch (e) {
		if (!(e instanceof RollBack)) throw e;
	} finally {
		if (checkKeys) sqlite.pragma('foreign_keys = ON');
	}
	if (!result) throw new Error('The import produced no result');
	if (!('refused' in result)) result.timings['commit'] = Math.round(performance.now() - committing);
	if (!('refused' in result) && earlier.length)
		return { ...result, submissions: earlier, alreadyImported: true };
	return result;
}

/** Reads the file and writes what it holds, inside the import's transaction. */
function writeFile(
	db: Db,
	options: ImportOptions,
	input: { content: Buffer; hash: string; at: string }
): ImportSummary | Refusal {
	const reading = readImport(db, {
		file: options.file,
		reporter: options.reporter,
		mayMap: options.mode === 'draft',
		maxBytes: options.maxBytes
	});
	if ('refused' in reading) return reading;
	const { staged, needsMapping } = reading;
	const summary: ImportSummary = {
		...reading.report,
		new: 0,
		changed: 0,
		unchanged: 0,
		changes: [],
		submissions: [],
		alreadyImported: false,
		otherDrafts: [],
		replacedDrafts: []
	};
	let clock = performance.now();
	const lap = (stage: string) => {
		const now = performance.now();
		summary.timings[stage] = Math.round(now - clock);
		clock = now;
	};

	// One submission per reporter with figures, made in the order of their codes, so that values
	// go in key order.
	const submissions = new Map<string, number>();
	if (options.into) {
		const draft = db.select().from(t.submission).where(eq(t.submission.id, options.into)).get();
		if (!draft || draft.status !== 'draft')
			throw new Error(`Submission ${options.into} is not a draft`);
		db.delete(t.submissionValue).where(eq(t.submissionValue.submissionId, draft.id)).run();
		submissions.set(draft.reporterCode, draft.id);
	}
	const submissionFor = (reporter: string): number => {
		const known = submissions.get(reporter);
		if (known) return known;
		const id = openSubmission(db, {
			reporter,
			status: 'draft',
			source: options.actor === 'cli' ? 'cli' : 'upload',
			file: { name: options.file.name, content: input.content, hash: input.hash },
			createdBy: options.actor,
			at: input.at
		});
		submissions.set(reporter, id);
		return id;
	};
	for (const reporter of staged.reporters()) submissionFor(reporter);
	// A draft is kept even with no valid row: its report says what to fix or to map.
	if (options.mode === 'draft' && options.reporter && submissions.size === 0)
		submissionFor(options.reporter);
	insertValues(db, staged.batches(BATCH, submissionFor));
	lap('stage rows');

	for (const [reporter, id] of submissions) {
		const counts = countChanges(db, id, reporter);
		summary.new += counts.new;
		summary.changed += counts.changed;
		summary.unchanged += counts.unchanged;
		if (counts.changed && summary.changes.length < MAX_CHANGES)
			summary.changes.push(...listChanges(db, id, reporter, MAX_CHANGES - summary.changes.length));
	}
	lap('compare with the record');
	summary.submissions = options.mode === 'dry-run' ? [] : [...submissions.values()];
	if (options.mode === 'dry-run') return summary;

	// Keep the report with each submission; set its status; approve if asked.
	const sqlite = db.$client;
	for (const [reporter, id] of submissions) {
		const periods = sqlite
			.prepare('SELECT DISTINCT period FROM submission_value WHERE submission_id = ? LIMIT 2')
			.all(id) as { period: string }[];
		// A file that needs its columns mapped is a draft until they are.
		const submitted = !needsMapping && (options.mode === 'submit' || options.mode === 'approve');
		db.update(t.submission)
			.set({
				status: submitted ? 'submitted' : 'draft',
				submittedAt: submitted ? input.at : null,
				period: periods.length === 1 ? periods[0].period : null,
				format: summary.format,
				mapping: JSON.stringify(summary.columns),
				summary: JSON.stringify(summaryForStorage(summary, reporter))
			})
			.where(eq(t.submission.id, id))
			.run();
		audit(db, {
			at: input.at,
			actor: options.actor,
			action: options.into ? 'submission.reimport' : 'submission.upload',
			subject: `submission:${id}`,
			detail: { reporter, file: options.file.name, rows: summary.rows, rejected: summary.rejected },
			address: options.address
		});
		if (options.mode === 'approve')
			approveSubmission(db, id, {
				reviewer: options.actor,
				at: input.at,
				address: options.address,
				refresh: false
			});
	}
	// Reviewers see the approved figures at once; the public at the next release.
	if (options.mode === 'approve' && submissions.size) refreshReviewPages(db);
	lap('finish submissions');
	// Earlier drafts of the same quarter stay unless the import is told to replace them; on the
	// web the reporter is asked, on the new draft's page (replaceOtherDrafts).
	if (!options.into)
		for (const id of submissions.values())
			if (options.replaceDrafts)
				summary.replacedDrafts.push(
					...withdrawOtherDrafts(db, id, {
						actor: options.actor,
						at: input.at,
						address: options.address
					})
				);
			else summary.otherDrafts.push(...otherDrafts(db, id));
	return summary;
}

/** The summary as kept with one reporter's submission: its own changes only. */
function summaryForStorage(summary: ImportSummary, reporter: string): StoredReport {
	const { submissions, otherDrafts, replacedDrafts, ...report } = summary;
	void [submissions, otherDrafts, replacedDrafts];
	return { ...report, changes: summary.changes.filter((c) => c.reporter === reporter) };
}
