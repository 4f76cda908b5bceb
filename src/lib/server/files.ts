/**
 * Original files, kept as evidence: stored once by the SHA-256 of their bytes, gzip-compressed
 * (a CSV shrinks about sevenfold, so a large import writes and holds far less), and given back
 * byte for byte.
 */
import { eq } from 'drizzle-orm';
import { createHash } from 'node:crypto';
import { gunzipSync, gzipSync } from 'node:zlib';
import type { Db } from './db';
import * as t from './db/schema';

/** SHA-256 of a file's bytes, hex: the key original files are stored under. */
export function hashFile(content: Uint8Array): string {
	return createHash('sha256').update(content).digest('hex');
}

/**
 * Stores a file (once: the same bytes again change nothing); returns its hash. A caller that
 * hashed the file already passes the hash (a large file takes a while to hash).
 */
export function storeFile(db: Db, content: Uint8Array, hash = hashFile(content)): string {
	if (
		db
			.select({ hash: t.storedFile.hash })
			.from(t.storedFile)
			.where(eq(t.storedFile.hash, hash))
			.get()
	)
		return hash;
	db.insert(t.storedFile)
		.values({
			hash,
			size: content.length,
			content: gzipSync(content, { level: 1 }),
			compression: 'gzip'
		})
		.run();
	return hash;
}

/** The original bytes of a stored file, or null. */
export function readStoredFile(db: Db, hash: string): Buffer | null {
	const row = db.select().from(t.storedFile).where(eq(t.storedFile.hash, hash)).get();
	if (!row) return null;
	return row.compression === 'gzip' ? gunzipSync(row.content) : row.content;
}
