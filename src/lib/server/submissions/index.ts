/**
 * The submissions module: the one owner of a submission's life. A channel hands over figures and
 * gets a submission: `importFile` for a file (from-file.ts, which has the importer read it), or
 * `createSubmission` for rows it already holds (write.ts). The rest — comparison with the record,
 * review steps, approval, comments, the mapping step — happens here, and only here.
 *
 *   write.ts      the one writer of submissions and their values (batched, key order)
 *   from-file.ts  a file becomes submissions: read, write, compare, report, status, audit
 *   compare.ts    a submission beside the approved record: new, changed, unchanged
 *   workflow.ts   review steps, approval, reopening, comments, nothing to report, older drafts
 *   queries.ts    what a user may see: lists, one submission, its file, its indicators
 *   remap.ts      the mapping step: answers remembered, the draft read again
 *   in-worker.ts  imports and the mapping step off the event loop (worker.ts is the thread)
 *
 * Inside the module, files import each other, never this index.
 */
export { countChanges, type ChangeKind, type ValueChange } from './compare';
export {
	importFile,
	type ImportMode,
	type ImportOptions,
	type ImportSummary,
	type StoredReport
} from './from-file';
export { importInWorker, remapInWorker } from './in-worker';
export {
	getOriginalFile,
	getSubmission,
	listSubmissions,
	reportersWithSubmissions,
	submissionIndicators,
	type SubmissionFilter
} from './queries';
export { applyMapping, rememberMapping, type MappingAnswers } from './remap';
export {
	addComment,
	approveSubmission,
	reportNothing,
	takeAction,
	otherDrafts,
	replaceOtherDrafts,
	submitBlock,
	type SubmitBlock,
	WorkflowError,
	type ActingUser
} from './workflow';
export { createSubmission, type NewSubmission, type SubmissionRow } from './write';
