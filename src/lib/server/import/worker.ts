/**
 * The import's worker thread (started by in-worker.ts, never imported): it opens its own
 * connection to the same WAL database, reads the file from disk (within the limit), runs it
 * through the pipeline (one IMMEDIATE transaction: nothing or everything), posts the result and
 * ends. The web's event loop meanwhile goes on serving readers.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { openDatabase } from '../db';
import { importFile } from './pipeline';
import type { ImportTask, WorkerReply } from './in-worker';
import { readFileCapped } from './read-file';

function run(task: ImportTask): WorkerReply {
	const content = readFileCapped(task.path, task.maxBytes);
	if ('refused' in content) return { result: content };
	const db = openDatabase(task.database);
	// Off the event loop, an import can wait its turn behind another writer (the command line).
	db.$client.pragma('busy_timeout = 60000');
	try {
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
	} finally {
		db.$client.close();
	}
}

let reply: WorkerReply;
try {
	reply = run(workerData as ImportTask);
} catch (e) {
	reply = { error: e instanceof Error ? (e.stack ?? e.message) : String(e) };
}
parentPort?.postMessage(reply);
