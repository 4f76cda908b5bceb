/**
 * A file uploaded in a multipart form, streamed to a temporary file as it arrives (busboy): the
 * body is never held in memory, and the size cap is enforced while it streams, so a file over the
 * limit is refused with the importer's own message (refusals.ts) instead of being read first.
 *
 * The server's own body limit (adapter-node's BODY_SIZE_LIMIT, which `npm start` sets a megabyte
 * above the import limit) ends a body past it; that too is answered with the size message, not a
 * 413 or an internal error. The caller removes the temporary file (`dispose`) when done with it.
 */
import busboy from 'busboy';
import { createWriteStream } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { ReadableStream as NodeReadableStream } from 'node:stream/web';
import type { Refusal } from './import/decode';
import { tooLarge } from './import/messages';
import { clip } from './import/report';

/** An upload kept on disk until `dispose` removes it. */
export interface ReceivedFile {
	/** The temporary file. */
	path: string;
	/** The name the browser gave, cut to size. */
	name: string;
	size: number;
	dispose: () => Promise<void>;
}

/** No file in the form (or not a multipart form). */
export interface NoFile {
	missing: true;
}

/** The bytes of a form's other fields, at most (the upload form has none that need more). */
const FIELD_BYTES = 1000;

/**
 * Streams the file of form field `field` to a temporary file, refusing it once it goes past
 * `maxBytes`. Other files and fields are read past and dropped.
 */
export async function receiveUpload(
	request: Request,
	options: { field: string; maxBytes: number }
): Promise<ReceivedFile | NoFile | Refusal> {
	const type = request.headers.get('content-type') ?? '';
	if (!request.body || !/^multipart\/form-data/i.test(type)) return { missing: true };
	const dir = await mkdtemp(join(tmpdir(), 'plan-monitor-upload-'));
	const dispose = () => rm(dir, { recursive: true, force: true });
	try {
		const received = await streamToDisk(request.body, type, join(dir, 'upload'), options);
		if ('missing' in received || 'refused' in received) {
			await dispose();
			return received;
		}
		return { ...received, dispose };
	} catch (e) {
		await dispose();
		// The server's body limit (BODY_SIZE_LIMIT) or a body longer than it said it was.
		if ((e as { status?: number }).status === 413) return tooLarge(options.maxBytes);
		// A form busboy cannot read (no boundary, cut short, malformed parts) holds no file.
		if (/^(Multipart|Malformed|Unexpected end of form)/.test((e as Error).message ?? ''))
			return { missing: true };
		throw e;
	}
}

async function streamToDisk(
	body: ReadableStream<Uint8Array>,
	type: string,
	path: string,
	options: { field: string; maxBytes: number }
): Promise<Omit<ReceivedFile, 'dispose'> | NoFile | Refusal> {
	const parser = busboy({
		headers: { 'content-type': type },
		defParamCharset: 'utf8',
		limits: { files: 1, fileSize: options.maxBytes, fields: 10, fieldSize: FIELD_BYTES, parts: 20 }
	});
	let found: { name: string; size: number } | null = null;
	let over = false;
	const writes: Promise<void>[] = [];
	parser.on('file', (name, stream, info) => {
		// A part cut short errs on its own stream: never an unhandled 'error' event.
		stream.on('error', () => undefined);
		if (name !== options.field || found || !info.filename) {
			stream.resume();
			return;
		}
		const file = { name: clip(info.filename), size: 0 };
		found = file;
		stream.on('data', (chunk: Buffer) => (file.size += chunk.length));
		// Past the limit busboy cuts the file short and reads the rest of the body past it.
		stream.on('limit', () => (over = true));
		const write = pipeline(stream, createWriteStream(path));
		// Awaited below, unless the body fails first: never an unhandled rejection.
		write.catch(() => undefined);
		writes.push(write);
	});
	await pipeline(Readable.fromWeb(body as NodeReadableStream<Uint8Array>), parser);
	await Promise.all(writes);
	if (over) return tooLarge(options.maxBytes);
	if (!found) return { missing: true };
	const file: { name: string; size: number } = found;
	return { path, name: file.name, size: file.size };
}
