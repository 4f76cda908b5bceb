/**
 * Imports off the event loop: `importInWorker` runs one file through importFile (from-file.ts) in a worker
 * thread (worker.ts) with its own better-sqlite3 connection and a bounded heap, and resolves with
 * its summary or refusal, so that a large upload never stalls the pages served meanwhile;
 * `remapInWorker` does the same for the mapping step (remap.ts), which reads a draft's file again.
 *
 * Imports run one at a time, in the order they come (each holds the database's write lock while
 * it writes; a second would only wait for it). A worker that runs out of its heap ends, its
 * transaction rolled back, and the file is refused with a message saying to split it.
 *
 * The worker's script is bundled from worker.ts by esbuild on first use, as scripts/run.mjs does
 * for the commands, and kept in node_modules/.cache under the hash of its content, so the web
 * server, the tests and the development server all run the same code.
 */
import { build } from 'esbuild';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, renameSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { Worker } from 'node:worker_threads';
import { databaseFile, projectRoot } from '../config';
import type { Refusal } from '../import/decode';
import { refusal } from '../import/messages';
import type { ImportMode, ImportSummary } from './from-file';
import type { MappingAnswers } from './remap';
import { WorkflowError, type ActingUser } from './workflow';

/** What a worker is asked to import. */
export interface ImportTask {
	/** The database file (the same WAL database the web uses). */
	database: string;
	/** The file to import, on disk (an upload's temporary file). */
	path: string;
	/** The file's name, as the reporter gave it. */
	name: string;
	reporter?: string;
	mode: ImportMode;
	actor: string;
	address?: string | null;
	maxBytes: number;
	/** The worker's heap in megabytes (default WORKER_HEAP_MB). */
	heapMb?: number;
}

/** The mapping step for a draft, as `applyMapping` takes it. */
export interface RemapTask {
	database: string;
	id: number;
	user: ActingUser;
	answers: MappingAnswers;
	address?: string | null;
	heapMb?: number;
}

export type WorkerTask = ({ kind: 'import' } & ImportTask) | ({ kind: 'remap' } & RemapTask);

export type WorkerReply =
	| { result: ImportSummary | Refusal }
	| { refused: { status: WorkflowError['status']; message: string } }
	| { error: string };

/** The worker's heap: enough for the largest file the limit lets in, not for anything it holds. */
export const WORKER_HEAP_MB = 512;

let script: Promise<string> | undefined;
let queue: Promise<unknown> = Promise.resolve();

/** Runs the import in a worker thread, after any import already running. */
export function importInWorker(
	task: Omit<ImportTask, 'database'> & { database?: string }
): Promise<ImportSummary | Refusal> {
	return inTurn({ ...task, kind: 'import', database: task.database ?? databaseFile() });
}

/**
 * Remembers a reporter's answers and reads the draft again (`applyMapping`), in a worker thread;
 * throws its `WorkflowError` as `applyMapping` would.
 */
export async function remapInWorker(
	task: Omit<RemapTask, 'database'> & { database?: string }
): Promise<ImportSummary> {
	const result = await inTurn({
		...task,
		kind: 'remap',
		database: task.database ?? databaseFile()
	});
	if ('refused' in result) throw new WorkflowError(400, result.refused);
	return result;
}

function inTurn(task: WorkerTask): Promise<ImportSummary | Refusal> {
	const next = queue.then(() => runWorker(task));
	queue = next.catch(() => undefined);
	return next;
}

async function runWorker(task: WorkerTask): Promise<ImportSummary | Refusal> {
	const file = await (script ??= bundleWorker());
	return new Promise((resolvePromise, reject) => {
		const worker = new Worker(file, {
			workerData: task,
			resourceLimits: {
				maxOldGenerationSizeMb: task.heapMb ?? WORKER_HEAP_MB,
				maxYoungGenerationSizeMb: Math.min(16, (task.heapMb ?? WORKER_HEAP_MB) / 4)
			}
		});
		let replied = false;
		worker.once('message', (reply: WorkerReply) => {
			replied = true;
			if ('error' in reply) reject(new Error(`The import failed: ${reply.error}`));
			else if ('refused' in reply)
				reject(new WorkflowError(reply.refused.status, reply.refused.message));
			else resolvePromise(reply.result);
		});
		worker.once('error', (e: Error & { code?: string }) => {
			replied = true;
			if (e.code === 'ERR_WORKER_OUT_OF_MEMORY')
				resolvePromise(refusal('import_out_of_memory', { limit: task.heapMb ?? WORKER_HEAP_MB }));
			else reject(e);
		});
		worker.once('exit', (code) => {
			if (!replied) reject(new Error(`The import's worker ended (exit code ${code})`));
		});
	});
}

/** Bundles worker.ts (our modules in, packages left to node_modules); returns the file. */
async function bundleWorker(): Promise<string> {
	const root = projectRoot();
	const { outputFiles } = await build({
		entryPoints: [resolve(root, 'src/lib/server/submissions/worker.ts')],
		write: false,
		outfile: 'import-worker.mjs',
		bundle: true,
		packages: 'external',
		platform: 'node',
		format: 'esm',
		target: 'node20',
		sourcemap: 'inline',
		logLevel: 'error'
	});
	const code = outputFiles[0].contents;
	const dir = resolve(root, 'node_modules/.cache/plan-monitor');
	const hash = createHash('sha256').update(code).digest('hex').slice(0, 16);
	const file = resolve(dir, `import-worker-${hash}.mjs`);
	if (!existsSync(file)) {
		// Written aside and renamed: a server that starts meanwhile never reads half a file.
		mkdirSync(dir, { recursive: true });
		const partial = `${file}.${process.pid}`;
		writeFileSync(partial, code);
		renameSync(partial, file);
	}
	return file;
}
