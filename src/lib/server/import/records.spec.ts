import fc from 'fast-check';
import Papa from 'papaparse';
import { describe, expect, it } from 'vitest';
import { TextReader } from './decode';
import { detectNewline, eachRecord, type CsvRecord } from './records';

/** The text cut into pieces at the given places. */
function cut(text: string, at: number[]): string[] {
	const places = [...new Set(at.map((a) => a % (text.length + 1)))].sort((a, b) => a - b);
	return [0, ...places].map((from, i) => text.slice(from, places[i] ?? text.length));
}

function records(pieces: Iterable<string>): CsvRecord[] {
	const found: CsvRecord[] = [];
	eachRecord(pieces, (r) => void found.push(r));
	return found;
}

describe('eachRecord', () => {
	it('reads records across pieces as papaparse reads the whole text', () => {
		const cellText = fc.oneof(
			fc.constantFrom('', 'KH-12', 'ភ្នំពេញ', '1,234', ' x ', 'a"b'),
			fc.string({ maxLength: 6 })
		);
		const quoted = cellText.map((c) => `"${c.replace(/"/g, '""')}"`);
		const line = fc.array(
			fc.oneof(
				cellText.map((c) => c.replace(/[",;\r\n]/g, '')),
				quoted
			),
			{
				minLength: 1,
				maxLength: 5
			}
		);
		fc.assert(
			fc.property(
				fc.array(line, { minLength: 1, maxLength: 12 }),
				fc.constantFrom('\n', '\r\n', '\r'),
				fc.constantFrom(',', ';'),
				fc.boolean(),
				fc.array(fc.nat(), { maxLength: 8 }),
				(lines, newline, delimiter, endsWithNewline, at) => {
					const text =
						`a${delimiter}b\n`.replace('\n', newline) +
						lines.map((l) => l.join(delimiter)).join(newline) +
						(endsWithNewline ? newline : '');
					const whole = Papa.parse<string[]>(text, { delimiter, newline: newline as '\n' }).data;
					// A line break at the very end ends the last record; it does not start another.
					if (text.endsWith(newline)) whole.pop();
					const found = records(cut(text, at));
					expect(found.map((r) => r.cells)).toEqual(whole);
					expect(found.map((r) => r.row)).toEqual(whole.map((_, i) => i + 1));
				}
			),
			{ numRuns: 400 }
		);
	});

	it('says when a quotation mark is never closed, and reads the rest as one cell', () => {
		const found = records(['a,b\n1,"open\n', '2,3\n4,5']);
		expect(found.map((r) => [r.cells, r.unclosedQuote])).toEqual([
			[['a', 'b'], false],
			[['1', 'open\n2,3\n4,5'], true]
		]);
	});

	it('stops when asked', () => {
		const seen: number[] = [];
		eachRecord(['h\n1\n2\n', '3\n'], ({ row }) => {
			seen.push(row);
			return row < 2;
		});
		expect(seen).toEqual([1, 2]);
	});

	it('finds the delimiter in the header, and none in no text', () => {
		expect(eachRecord(['a;b;"c,d"\n1;2;3'], () => {}).delimiter).toBe(';');
		expect(eachRecord([], () => {}).delimiter).toBe(null);
	});
});

describe('detectNewline', () => {
	it.each([
		['a,b\r\n1,2\r\n', '\r\n'],
		['a,b\n1,2\n', '\n'],
		['a,b\r1,2\r', '\r'],
		['a,"x\r\ny"\n1,2\n', '\n'],
		['a,b', '\n']
	])('%j ends lines with %j', (text, newline) => expect(detectNewline(text)).toBe(newline));
});

describe('TextReader', () => {
	it('never splits a character between pieces, in UTF-8 or UTF-16', () => {
		const text = 'ខេត្ត,ភ្នំពេញ\r\nកណ្ដាល,១២៣\r\n';
		const utf16be = Buffer.from(text, 'utf16le').swap16();
		for (const [encoding, bytes] of [
			['utf-8', Buffer.from(text)],
			['utf-16le', Buffer.from(text, 'utf16le')],
			['utf-16be', utf16be]
		] as const)
			for (const size of [1, 2, 3, 5, 7, 64]) {
				const reader = new TextReader(encoding, bytes);
				expect([...reader.pieces(size)].join('')).toBe(text);
				expect(reader.refusal).toBe(null);
			}
	});

	it('stops at a byte that is not UTF-8, even far into the file, and says why', () => {
		const bytes = Buffer.concat([Buffer.from('a,b\n'.repeat(100)), Buffer.from([0xe9, 0x0a])]);
		const reader = new TextReader('utf-8', bytes);
		const pieces = [...reader.pieces(64)];
		expect(pieces.join('')).toBe('a,b\n'.repeat(96));
		expect(reader.refusal?.refused).toMatch(/not in UTF-8/);
	});

	it('knows a text of spaces and line breaks only', () => {
		const blank = new TextReader('utf-8', Buffer.from(' \r\n\t\n'));
		expect([...blank.pieces(2)].join('')).toBe(' \r\n\t\n');
		expect(blank.blank).toBe(true);
		const text = new TextReader('utf-8', Buffer.from(' \n x'));
		expect([...text.pieces(2)]).toHaveLength(2);
		expect(text.blank).toBe(false);
	});
});
