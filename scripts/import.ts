/**
 * `npm run import -- <file> [--reporter <code>] [--dry-run] [--approve] [--replace] [--json]`:
 * imports a file as an administrator through `importFile` of the submissions module, the code
 * path of the web upload.
 *
 * With --reporter every row belongs to that reporter (rows naming another are rejected); without
 * it the file's reporter column says (one submission per reporter). Without --dry-run the valid
 * rows become submitted submissions; --approve also approves them. Earlier drafts of the same
 * organisation and quarter (web uploads not yet submitted) are kept and named, or withdrawn with
 * --replace. --json prints one JSON object.
 * Exit status: 0 when the file was read (rejected rows included), 2 when it was refused (too
 * large, found while reading: a file is never read past the limit) or the command was called
 * wrongly (the usage, no stack). Its transaction begins IMMEDIATE and waits up to a minute for
 * another writer, so an import runs while the web writes.
 */
import { basename } from 'node:path';
import { parseArgs } from 'node:util';
import { importMaxBytes } from '../src/lib/server/config';
import { openDatabase } from '../src/lib/server/db';
import { importFile } from '../src/lib/server/submissions';
import { readFileCapped } from '../src/lib/server/import/read-file';
import { renderEnglish } from '../src/lib/server/import/messages';
import { reporterExists } from '../src/lib/server/reporters';

// The summary is this command's output: log lines go to stderr.
process.env.LOG ||= 'stderr';

const USAGE =
	'Usage: npm run import -- <file> [--reporter <code>] [--dry-run] [--approve] [--replace] [--json]';
const BUSY_MS = 60_000;

function refuse(message: string): never {
	console.error(message);
	process.exit(2);
}

function readArguments() {
	try {
		return parseArgs({
			allowPositionals: true,
			options: {
				reporter: { type: 'string' },
				'dry-run': { type: 'boolean', default: false },
				approve: { type: 'boolean', default: false },
				replace: { type: 'boolean', default: false },
				json: { type: 'boolean', default: false },
				help: { type: 'boolean', short: 'h' }
			}
		});
	} catch (e) {
		// An unknown option, or one without its value: say so and how to call, without a stack.
		refuse(`${(e as Error).message}\n${USAGE}`);
	}
}

const { positionals, values } = readArguments();
if (values.help) {
	console.log(USAGE);
	process.exit(0);
}
const [path] = positionals;
if (!path || positionals.length > 1) refuse(USAGE);
if (values['dry-run'] && values.approve) refuse('--dry-run and --approve cannot go together');

let content: Buffer;
try {
	// Never more than the limit: a larger file, or one that never ends (/dev/zero), is refused.
	const read = readFileCapped(path, importMaxBytes());
	if ('refused' in read) refuse(`${path}: ${read.refused}`);
	content = read;
} catch (e) {
	refuse(`Cannot read ${path}: ${(e as Error).message}`);
}

const db = openDatabase();
// An import waits its turn behind another writer (the web, or a long import) for up to a minute.
db.$client.pragma(`busy_timeout = ${BUSY_MS}`);
const reporter = values.reporter?.toUpperCase();
if (reporter && !reporterExists(db, reporter)) refuse(`Unknown reporter: ${values.reporter}`);

const started = performance.now();
function runImport() {
	try {
		return importFile(db, {
			file: { name: basename(path), content },
			reporter,
			mode: values['dry-run'] ? 'dry-run' : values.approve ? 'approve' : 'submit',
			actor: 'cli',
			replaceDrafts: values.replace,
			maxBytes: importMaxBytes()
		});
	} catch (e) {
		// Nothing was written (the transaction rolled back): say why, without a stack.
		if ((e as { code?: string }).code === 'SQLITE_BUSY')
			refuse(
				`${path}: the database stayed busy for ${BUSY_MS / 1000} s (another import is writing); nothing was written. Try again when it has finished.`
			);
		throw e;
	} finally {
		db.$client.close();
	}
}
const result = runImport();

if ('refused' in result) refuse(`${path}: ${result.refused}`);

if (values.json) {
	const { file, format, rows, rejected, errors, submissions, otherDrafts, replacedDrafts } = result;
	console.log(
		JSON.stringify({
			file,
			format,
			rows,
			new: result.new,
			changed: result.changed,
			unchanged: result.unchanged,
			rejected,
			notFilledIn: result.notFilledIn,
			errors: errors.map(({ row, column, value, key, params }) => ({
				row,
				column,
				value,
				message: renderEnglish({ key, params })
			})),
			submissions,
			otherDrafts,
			replacedDrafts
		})
	);
} else {
	const seconds = ((performance.now() - started) / 1000).toFixed(1);
	console.log(`${result.file}: ${result.format} format, ${result.rows} rows read in ${seconds} s`);
	console.log(
		`  ${result.new} new, ${result.changed} changed, ${result.unchanged} unchanged, ${result.rejected} rows rejected`
	);
	if (result.notFilledIn)
		console.log(`  ${result.notFilledIn} rows not filled in (no value, no note): nothing sent`);
	for (const e of result.errors.slice(0, 50))
		console.log(`  row ${e.row}, column "${e.column}", value "${e.value}": ${renderEnglish(e)}`);
	if (result.errors.length > 50) console.log(`  … and ${result.errors.length - 50} more problems`);
	if (result.alreadyImported)
		console.log(
			`  This file was imported before (submission ${result.submissions.join(', ')}): nothing changed.`
		);
	else if (result.submissions.length)
		console.log(
			`  ${values.approve ? 'Approved' : 'Submitted'}: submission ${result.submissions.join(', ')}`
		);
	else console.log('  Dry run: nothing was written.');
	if (result.otherDrafts.length)
		console.log(
			`  Earlier drafts of the same quarter are kept: submission ${result.otherDrafts.join(', ')} (--replace withdraws them).`
		);
	if (result.replacedDrafts.length)
		console.log(
			`  Withdrawn, replaced by this file: submission ${result.replacedDrafts.join(', ')}`
		);
}
