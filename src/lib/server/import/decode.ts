/**
 * From bytes to text: refuses what is not a text CSV (with the reason in plain words) and
 * decodes what is. Accepted: UTF-8 with or without a byte-order mark, and UTF-16 (little or big
 * endian, as Excel's "Unicode text" writes it) with a byte-order mark, or without one when the
 * pattern of zero bytes leaves no doubt. Anything else is refused rather than guessed: a wrong
 * guess would turn Khmer names into nonsense without anyone noticing.
 */
import { refusal, tooLarge, type Refusal, type RefusalKey } from './messages';

export type { Refusal };

export type Encoding = 'utf-8' | 'utf-16le' | 'utf-16be';

const BINARY = refusal('import_binary');
/** What a file that holds nothing says. */
export const EMPTY: Refusal = refusal('import_empty');

/** Files that are not text, by their first bytes, and what each is called. */
const SIGNATURES: [number[], RefusalKey][] = [
	[[0x50, 0x4b, 0x03, 0x04], 'import_not_csv_xlsx'],
	[[0xd0, 0xcf, 0x11, 0xe0], 'import_not_csv_xls'],
	[[0x25, 0x50, 0x44, 0x46], 'import_not_csv_pdf'],
	[[0x89, 0x50, 0x4e, 0x47], 'import_not_csv_png'],
	[[0xff, 0xd8, 0xff], 'import_not_csv_jpeg']
];

const startsWith = (bytes: Uint8Array, prefix: number[]) => prefix.every((b, i) => bytes[i] === b);

/** Which encoding the bytes are in, and how many bytes of byte-order mark to skip; or why not. */
export function detectEncoding(bytes: Uint8Array): { encoding: Encoding; skip: number } | Refusal {
	for (const [signature, key] of SIGNATURES) if (startsWith(bytes, signature)) return refusal(key);
	if (startsWith(bytes, [0xef, 0xbb, 0xbf])) return { encoding: 'utf-8', skip: 3 };
	if (startsWith(bytes, [0xff, 0xfe])) return { encoding: 'utf-16le', skip: 2 };
	if (startsWith(bytes, [0xfe, 0xff])) return { encoding: 'utf-16be', skip: 2 };
	// Without a mark, UTF-16 text of mostly Latin letters has a zero in every other byte.
	const sample = bytes.subarray(0, 4096);
	let evenZeros = 0;
	let oddZeros = 0;
	for (let i = 0; i < sample.length; i++) {
		if (sample[i] !== 0) continue;
		if (i % 2) oddZeros++;
		else evenZeros++;
	}
	const half = sample.length / 2;
	if (half >= 8 && oddZeros > 0.4 * half && evenZeros === 0)
		return { encoding: 'utf-16le', skip: 0 };
	if (half >= 8 && evenZeros > 0.4 * half && oddZeros === 0)
		return { encoding: 'utf-16be', skip: 0 };
	if (oddZeros + evenZeros > 0) return BINARY;
	return { encoding: 'utf-8', skip: 0 };
}

/**
 * The text of a file, read a piece at a time (`pieces`): a large file is never all in memory
 * as text. A byte that cannot be read, or binary data, ends the reading and `refusal` says why.
 */
export class TextReader {
	refusal: Refusal | null = null;
	/** Nothing but spaces and line breaks so far. */
	blank = true;

	constructor(
		readonly encoding: Encoding,
		private readonly bytes: Uint8Array
	) {}

	/** The text, in pieces of `size` bytes' worth (a character cut in two waits for its end). */
	*pieces(size = 1 << 20): Generator<string> {
		const decoder = new TextDecoder(this.encoding, { fatal: true });
		for (let at = 0; at < this.bytes.length; at += size) {
			const end = Math.min(at + size, this.bytes.length);
			let piece: string;
			try {
				piece = decoder.decode(this.bytes.subarray(at, end), { stream: end < this.bytes.length });
			} catch {
				this.refusal =
					this.encoding === 'utf-8'
						? refusal('import_not_utf8')
						: refusal('import_bad_utf16', { encoding: this.encoding.toUpperCase() });
				return;
			}
			if (piece.includes('\u0000')) {
				this.refusal = BINARY;
				return;
			}
			if (this.blank && /\S/.test(piece)) this.blank = false;
			yield piece;
		}
	}
}

/**
 * A reader of the file's text, or why it is refused at once: too large, empty, not text, or not
 * in an encoding that can be read with certainty. (Bytes that cannot be decoded further on are
 * found while reading: see `TextReader.refusal`.)
 */
export function openText(bytes: Uint8Array, options: { maxBytes: number }): TextReader | Refusal {
	if (bytes.length > options.maxBytes) return tooLarge(options.maxBytes);
	if (bytes.length === 0) return EMPTY;
	const found = detectEncoding(bytes);
	if ('refused' in found) return found;
	return new TextReader(found.encoding, bytes.subarray(found.skip));
}
