/**
 * The import's worker thread (started by in-worker.ts, never imported): it opens its own
 * connection to the same WAL database, reads the file from disk (within the limit), runs it
 * through importFile (one IMMEDIATE transaction: nothing or everything), or runs the mapping
 * step on a draft, posts the result and ends. The web's event loop meanwhile serves readers.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { openDatabase, type Db } from '../db';
import { readFileCapped } from '../import/read-file';
import { importFile } from './from-file';
import type { ImportTask, RemapTask, WorkerReply, WorkerTask } from './in-worker';
import { Refused } from '../refused';
import { applyMapping } from './remap';

function runImport(db: Db, task: ImportTask, content: Buffer): WorkerReply {
	return {
		result: importFile(db, {
			file: { name: task.name, content },
			reporter: task.reporter,
			mode: task.mode,
			actor: task.actor,
			address: task.address,
			maxBytes: task.maxBytes
		})
	};
}

function runRemap(db: Db, task: RemapTask): WorkerReply {
	try {
		return { result: applyMapping(db, task) };
	} catch (e) {
		if (e instanceof Refused)
			return { refused: { status: e.status, key: e.key, params: e.params } };
		throw e;
	}
}

function run(task: WorkerTask): WorkerReply {
	const content = task.kind === 'import' ? readFileCapped(task.path, task.maxBytes) : null;
	if (content && 'refused' in content) return { result: content };
	const db = openDatabase(task.database);
	// Off the event loop, an import can wait its turn behind another writer (the command line).
	db.$client.pragma('busy_timeout = 60000');
	try {
		return task.kind === 'import' && content
			? runImport(db, task, content)
			: runRemap(db, task as RemapTask);
	} finally {
		db.$client.close();
	}
}

let reply: WorkerReply;
try {
	reply = run(workerData as WorkerTask);
} catch (e) {
	reply = { error: e instanceof Error ? (e.stack ?? e.message) : String(e) };
}
parentPort?.postMessage(reply);
