/**
 * A file on disk read for the importer, never more than the limit: a file over it (or something
 * that never ends, such as /dev/zero or a pipe that keeps writing) is refused with the size
 * message (refusals.ts) once one byte past the limit has come, not read to its end.
 */
import { closeSync, fstatSync, openSync, readSync } from 'node:fs';
import type { Refusal } from './decode';
import { tooLarge } from './messages';

const CHUNK = 1 << 20;

/** The bytes of `path`, or the size refusal. Throws what opening or reading it throws. */
export function readFileCapped(path: string, maxBytes: number): Buffer | Refusal {
	const fd = openSync(path, 'r');
	try {
		const stat = fstatSync(fd);
		if (stat.isFile() && stat.size > maxBytes) return tooLarge(maxBytes);
		// A regular file is read into one buffer of its size (and a byte more, should it grow).
		const chunks: Buffer[] = [];
		let total = 0;
		for (;;) {
			const want = Math.min(stat.isFile() ? stat.size - total + 1 : CHUNK, maxBytes + 1 - total);
			const chunk = Buffer.allocUnsafe(Math.max(1, Math.min(want, CHUNK * 64)));
			const n = readSync(fd, chunk, 0, chunk.length, null);
			if (n === 0) break;
			chunks.push(n === chunk.length ? chunk : chunk.subarray(0, n));
			total += n;
			if (total > maxBytes) return tooLarge(maxBytes);
		}
		return chunks.length === 1 ? chunks[0] : Buffer.concat(chunks, total);
	} finally {
		closeSync(fd);
	}
}
