/**
 * The import pipeline, the one path every file takes, from the web and the command line alike:
 *
 *   bytes → refuse, or decode a piece at a time (decode.ts) → find the delimiter and parse record
 *   by record (records.ts, papaparse: never the whole text, never a list of rows) → recognise the
 *   format and the columns → refuse case records → check every row (validate.ts) → hold the
 *   valid figures compactly and sort them into key order, which brings out figures given twice
 *   and breakdowns that exceed their totals (staged.ts) → write them to `submission_value`, in
 *   batches, in key order → compare with the approved record → summary.
 *
 * Everything happens in one SQLite transaction, begun IMMEDIATE (db/index.ts): it takes the write
 * lock at the start, waiting while another connection writes, so the command line and the web can
 * import at the same time. A dry run rolls it back at the end, so it checks exactly what a
 * real import would, and writes nothing; a failure half-way rolls back too. What a file holds is
 * bounded while it is read (records.ts) and in the report kept (report.ts).
 * Writes go through prepared statements. Re-importing a file that is already in a submission
 * (same bytes, not withdrawn) changes nothing and answers with the existing submission.
 * The format is described for people in IMPORT_FORMAT.md beside this file.
 */
import { and, eq, inArray, ne } from 'drizzle-orm';
import { audit } from '../audit';
import { inTransaction, type Db } from '../db';
import * as t from '../db/schema';
import { hashFile, storeFile } from '../files';
import { logImport } from '../log';
import { refreshReviewPages } from '../public-tier';
import { approveSubmission } from '../submissions';
import { EMPTY, openText, type Refusal, type TextReader } from './decode';
import { loadDictionary, loadRemembered } from './dictionary';
import { eachRecord } from './records';
import { limitRefusal } from './refusals';
import { clip, clipError, mappable, MAX_STORED_ERRORS, MAX_UNKNOWN, SHOWN_CHARS } from './report';
import { StagedFigures, type GroupProblems } from './staged';
import { validateRow, type RawRow, type RowError } from './validate';
import {
	DHIS2_COLUMNS,
	fieldOfHeader,
	normaliseName,
	personalHeaders,
	type Field
} from './vocabulary';

/** What a remembered header mapping says of a column to leave out. */
export const IGNORE = '-';

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
	at?: string;
}

export interface ValueChange {
	row: number;
	reporter: string;
	indicator: string;
	province: string;
	period: string;
	sex: string;
	ageGroup: string;
	old: number;
	new: number;
}

export interface ImportSummary {
	file: string;
	format: 'canonical' | 'dhis2' | null;
	encoding: string;
	delimiter: string;
	/** Records read (blank lines aside). */
	rows: number;
	new: number;
	changed: number;
	unchanged: number;
	rejected: number;
	/** Row errors, the first MAX_STORED_ERRORS of them, texts cut to size (report.ts). */
	errors: RowError[];
	/** Row errors found, listed or not (`rejected` counts the rows). */
	errorCount: number;
	/** Changed values, old → new, at most MAX_CHANGES of them. */
	changes: ValueChange[];
	submissions: number[];
	/** The file was imported before: nothing was written. */
	alreadyImported: boolean;
	/** Headers and names the importer does not know, to be mapped by hand. */
	unknown: { headers: string[]; indicators: string[]; provinces: string[] };
	/** How each header of the file was read. */
	columns: { header: string; field: Field | null }[];
	/** Milliseconds spent in each stage, for benchmarks. */
	timings: Record<string, number>;
}

class RollBack extends Error {}

/**
 * Runs a file through the pipeline. Returns the summary, or a refusal of the whole file (not
 * CSV, unreadable, empty, too large, case records, columns not recognised in a non-interactive
 * import). Writes the import's log line (counts and ids only).
 */
export function importFile(db: Db, options: ImportOptions): ImportSummary | Refusal {
	const started = performance.now();
	const result = importAndSummarise(db, options);
	logImport(result, { mode: options.mode, started });
	return result;
}

function importAndSummarise(db: Db, options: ImportOptions): ImportSummary | Refusal {
	const text = openText(options.file.content, { maxBytes: options.maxBytes });
	if ('refused' in text) return text;
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
			result = run(db, { ...options, mode }, { text, content, hash, at });
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

function run(
	db: Db,
	options: ImportOptions,
	input: { text: TextReader; content: Buffer; hash: string; at: string }
): ImportSummary | Refusal {
	const sqlite = db.$client;
	const remembered = loadRemembered(db, options.reporter);
	const dict = loadDictionary(db, remembered);
	const summary: ImportSummary = {
		file: options.file.name,
		format: null,
		encoding: input.text.encoding,
		delimiter: ',',
		rows: 0,
		new: 0,
		changed: 0,
		unchanged: 0,
		rejected: 0,
		errors: [],
		errorCount: 0,
		changes: [],
		submissions: [],
		alreadyImported: false,
		unknown: { headers: [], indicators: [], provinces: [] },
		columns: [],
		timings: {}
	};
	let clock = performance.now();
	const lap = (stage: string) => {
		const now = performance.now();
		summary.timings[stage] = Math.round(now - clock);
		clock = now;
	};
	// Rows rejected while reading come in order, each once (a set of a million rows would cost
	// tens of megabytes); those rejected after (repeats, breakdowns) were valid until then.
	let rejectedWhileReading = 0;
	let lastRejected = 0;
	const rejectedAfter = new Set<number>();
	let reading = true;
	const addError = (e: RowError) => {
		summary.errorCount++;
		if (summary.errors.length < MAX_STORED_ERRORS) summary.errors.push(clipError(e));
		if (!reading) rejectedAfter.add(e.row);
		else if (e.row !== lastRejected) {
			rejectedWhileReading++;
			lastRejected = e.row;
		}
	};
	const unknownIndicators = new Set<string>();
	const unknownProvinces = new Set<string>();

	// One submission per reporter with figures.
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
		storeFile(db, input.content, input.hash);
		const { id } = db
			.insert(t.submission)
			.values({
				reporterCode: reporter,
				status: 'draft',
				source: options.actor === 'cli' ? 'cli' : 'upload',
				fileName: options.file.name,
				fileHash: input.hash,
				createdBy: options.actor,
				createdAt: input.at
			})
			.returning({ id: t.submission.id })
			.get();
		submissions.set(reporter, id);
		return id;
	};

	let refusal: Refusal | undefined;
	// A draft whose columns are not all recognised waits for the reporter to map them.
	let needsMapping = false;
	let columns: (Field | 'combo' | null)[] = [];
	let names: Partial<Record<Field | 'combo', string>> = {};
	let record = 0;
	const memo: Record<string, Map<string, unknown>> = {};

	const onHeader = (cells: string[]) => {
		const headers = cells.map((c) => c.trim());
		const personal = personalHeaders(headers);
		if (personal.length) {
			refusal = {
				refused: `This file looks like case records (it has the column${personal.length > 1 ? 's' : ''} ${personal.map((h) => `"${h}"`).join(', ')}). Plan Monitor holds aggregate counts only: send totals per indicator, province and quarter, never names or dates of birth.`
			};
			return;
		}
		if (normaliseName(headers[0] ?? '') === 'dataelement') {
			summary.format = 'dhis2';
			const fields: Record<string, Field | 'combo' | null> = {
				dataelement: 'indicator',
				period: 'period',
				orgunit: 'province',
				categoryoptioncombo: 'combo',
				attributeoptioncombo: 'reporter',
				value: 'value',
				comment: 'note'
			};
			columns = DHIS2_COLUMNS.map((c) => fields[c] ?? null);
			names = Object.fromEntries(
				DHIS2_COLUMNS.flatMap((c, i) => (fields[c] ? [[fields[c], headers[i] ?? c]] : []))
			);
			summary.columns = headers.map((h, i) => ({
				header: clip(h),
				field: (columns[i] === 'combo' ? null : columns[i]) as Field | null
			}));
			return;
		}
		summary.format = 'canonical';
		const seen = new Set<Field>();
		columns = headers.map((h) => {
			const field = remembered.header.get(normaliseName(h)) ?? fieldOfHeader(h);
			if ((field as string) === IGNORE) return null;
			if (!field || seen.has(field)) {
				if (h) summary.unknown.headers.push(h);
				return null;
			}
			seen.add(field);
			names[field] = h;
			return field;
		});
		summary.columns = headers.map((h, i) => ({
			header: clip(h),
			field: columns[i] as Field | null
		}));
		const missing = (['indicator', 'period', 'value'] as const).filter((f) => !seen.has(f));
		if (!seen.has('reporter') && !options.reporter) missing.unshift('reporter' as never);
		// An unknown column is never dropped silently: it may be the province, or the figure.
		if (missing.length || summary.unknown.headers.length) {
			if (options.mode === 'draft' && options.reporter) {
				needsMapping = true;
				return;
			}
			const unknown = summary.unknown.headers.map((h) => `"${h}"`).join(', ');
			refusal = {
				refused: missing.length
					? `The columns ${missing.map((m) => `"${m}"`).join(', ')} were not found in the header row (${headers.map((h) => `"${h}"`).join(', ')}). Use the template's headers, or map the columns by hand.`
					: `The column${summary.unknown.headers.length > 1 ? 's' : ''} ${unknown} ${summary.unknown.headers.length > 1 ? 'are' : 'is'} not known. Use the template's headers, leave ${summary.unknown.headers.length > 1 ? 'them' : 'it'} out, or map ${summary.unknown.headers.length > 1 ? 'them' : 'it'} by hand.`
			};
		}
	};

	// The valid figures, held until the file is read (staged.ts).
	const staged = new StagedFigures();
	const onRecord = (cells: string[], rowNumber: number) => {
		if (!cells.some((c) => c !== '' && c.trim() !== '')) return;
		summary.rows++;
		const raw: RawRow = {};
		for (let i = 0; i < columns.length; i++) {
			const field = columns[i];
			if (field === 'combo') raw.combo = cells[i] ?? '';
			else if (field) raw[field] = cells[i] ?? '';
		}
		if (summary.format === 'dhis2' && raw.combo === undefined) raw.combo = '';
		const checked = validateRow(raw, rowNumber, dict, {
			reporter: options.reporter,
			columns: names,
			memo
		});
		if ('errors' in checked) {
			for (const e of checked.errors) {
				addError(e);
				if (!e.message.startsWith('unknown') || e.value.length > SHOWN_CHARS) continue;
				if (e.column === (names.indicator ?? 'indicator') && unknownIndicators.size < MAX_UNKNOWN)
					unknownIndicators.add(e.value);
				if (e.column === (names.province ?? 'province') && unknownProvinces.size < MAX_UNKNOWN)
					unknownProvinces.add(e.value);
			}
			return;
		}
		staged.add(checked.row, raw.value?.trim() ?? '');
	};

	const { delimiter, exceeded } = eachRecord(
		input.text.pieces(),
		({ cells, row, unclosedQuote }) => {
			record = row;
			if (unclosedQuote && row > 1)
				addError({
					row,
					column: '',
					value: '',
					message:
						'a quotation mark is opened and never closed: the rest of the file is read as one cell'
				});
			if (row > 1) return onRecord(cells, row);
			onHeader(cells);
			return !refusal && !needsMapping;
		}
	);
	summary.delimiter = delimiter ?? ',';
	reading = false;
	lap('read and check rows');
	if (input.text.refusal) return input.text.refusal;
	if (input.text.blank) return EMPTY;
	if (exceeded) return limitRefusal(exceeded);
	if (refusal) return refusal;
	if (!needsMapping && (record <= 1 || summary.rows === 0))
		return { refused: 'This file has a header row but no figures.' };

	// In key order, figures given twice and breakdowns that exceed their totals come to light.
	const { repeats, groups } = staged.sort();
	for (const { row, text, first } of repeats)
		addError({
			row,
			column: names.value ?? 'value',
			value: text,
			message: `the same figure (indicator, province, quarter, sex and age group) is already in row ${first}: keep one of the two`
		});
	rejectBreakdowns(groups, names.value ?? 'value', addError);
	lap('sort, check repeats and breakdowns');

	// Rows go in batches: one statement for many rows costs far less than one per row. Submissions
	// are made in the order of their reporters' codes, so that rows go in key order.
	for (const reporter of staged.reporters()) submissionFor(reporter);
	// A draft is kept even with no valid row: its report says what to fix or to map.
	if (options.mode === 'draft' && options.reporter && submissions.size === 0)
		submissionFor(options.reporter);
	const BATCH = 100;
	const insert = (rows: number) =>
		sqlite.prepare(
			`INSERT INTO submission_value (submission_id, indicator_code, province_code, period, sex,
				age_group, value, note, source_row) VALUES ${Array(rows).fill('(?, ?, ?, ?, ?, ?, ?, ?, ?)').join(', ')}`
		);
	const insertBatch = insert(BATCH);
	for (const batch of staged.batches(BATCH, submissionFor))
		(batch.length === BATCH * 9 ? insertBatch : insert(batch.length / 9)).run(batch);
	lap('stage rows');
	const ids = [...submissions.values()];
	summary.rejected = rejectedWhileReading + rejectedAfter.size;
	summary.unknown.headers = mappable(summary.unknown.headers);
	summary.unknown.indicators = mappable(unknownIndicators);
	summary.unknown.provinces = mappable(unknownProvinces);
	summary.errors.sort((a, b) => a.row - b.row);

	for (const [reporter, id] of submissions) {
		if (!sqlite.prepare('SELECT 1 FROM data_value WHERE reporter_code = ? LIMIT 1').get(reporter)) {
			// Nothing on record for this reporter: every staged figure is new.
			summary.new += (
				sqlite
					.prepare('SELECT count(*) AS n FROM submission_value WHERE submission_id = ?')
					.get(id) as {
					n: number;
				}
			).n;
			continue;
		}
		const counts = sqlite
			.prepare(
				`SELECT coalesce(sum(d.value IS NULL), 0) AS new,
					coalesce(sum(d.value IS NOT NULL AND d.value != s.value), 0) AS changed,
					coalesce(sum(d.value = s.value), 0) AS unchanged
				 FROM submission_value s LEFT JOIN data_value d ON ${SAME_KEY} AND d.reporter_code = ?
				 WHERE s.submission_id = ?`
			)
			.get(reporter, id) as { new: number; changed: number; unchanged: number };
		summary.new += counts.new;
		summary.changed += counts.changed;
		summary.unchanged += counts.unchanged;
		if (summary.changes.length < MAX_CHANGES)
			summary.changes.push(
				...(sqlite
					.prepare(
						`SELECT s.source_row AS row, ? AS reporter, s.indicator_code AS indicator,
							s.province_code AS province, s.period, s.sex, s.age_group AS ageGroup,
							d.value AS old, s.value AS new
						 FROM submission_value s JOIN data_value d ON ${SAME_KEY} AND d.reporter_code = ?
						 WHERE s.submission_id = ? AND d.value != s.value ORDER BY s.source_row LIMIT ?`
					)
					.all(reporter, reporter, id, MAX_CHANGES - summary.changes.length) as ValueChange[])
			);
	}
	lap('compare with the record');
	summary.submissions = options.mode === 'dry-run' ? [] : ids;
	if (options.mode === 'dry-run') return summary;

	// Keep the report with each submission; set its status; approve if asked.
	for (const [reporter, id] of submissions) {
		const periods = sqlite
			.prepare('SELECT DISTINCT period FROM submission_value WHERE submission_id = ? LIMIT 2')
			.all(id) as { period: string }[];
		const submitted = options.mode === 'submit' || options.mode === 'approve';
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
	// Older drafts of the same organisation and quarter are replaced by this upload.
	if (!options.into)
		for (const [reporter, id] of submissions) {
			const period = db
				.select({ p: t.submission.period })
				.from(t.submission)
				.where(eq(t.submission.id, id))
				.get()?.p;
			if (period)
				db.update(t.submission)
					.set({ status: 'withdrawn' })
					.where(
						and(
							eq(t.submission.reporterCode, reporter),
							eq(t.submission.period, period),
							eq(t.submission.status, 'draft'),
							ne(t.submission.id, id),
							inArray(t.submission.source, ['upload', 'cli'])
						)
					)
					.run();
		}
	return summary;
}

const SAME_KEY = `d.indicator_code = s.indicator_code AND d.province_code = s.province_code
	AND d.period = s.period AND d.sex = s.sex AND d.age_group = s.age_group`;

/** What an import keeps with each submission it makes: its report, as its page shows it. */
export type StoredReport = Omit<ImportSummary, 'submissions'>;

/** The summary as kept with one reporter's submission: its own changes only. */
function summaryForStorage(summary: ImportSummary, reporter: string): StoredReport {
	const { submissions, ...report } = summary;
	return { ...report, changes: summary.changes.filter((c) => c.reporter === reporter) };
}

/** Names the rows of breakdown parts that exceed their totals (they are not staged). */
function rejectBreakdowns(
	groups: GroupProblems[],
	column: string,
	addError: (e: RowError) => void
): void {
	for (const { figures, problems } of groups)
		for (const p of problems)
			for (const row of p.rows)
				addError({
					row,
					column,
					value: String(figures.find((f) => f.row === row)?.value),
					message: `${p.what} (rows ${p.rows.join(', ')}) add up to ${p.parts}, more than the total of ${p.total} in row ${p.totalRow}`
				});
}
