/**
 * Charts as PNG images: the very SVG the page draws, rasterised by resvg (Rust, no browser), with
 * the app's own Noto Sans Khmer font so that Khmer labels render the same on every machine.
 *
 * The font ships as WOFF (from @fontsource); resvg reads TrueType files, so each is unwrapped once
 * (a WOFF is the TrueType tables, each compressed with zlib, behind a small header) into the
 * temporary folder, under the hash of its content.
 */
import { Resvg } from '@resvg/resvg-js';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { inflateSync } from 'node:zlib';

/** The TrueType (sfnt) bytes inside a WOFF 1.0 file. */
export function woffToSfnt(woff: Buffer): Buffer {
	if (woff.toString('latin1', 0, 4) !== 'wOFF') throw new Error('Not a WOFF file');
	const flavor = woff.readUInt32BE(4);
	const count = woff.readUInt16BE(12);
	const tables = [];
	for (let i = 0; i < count; i++) {
		const at = 44 + i * 20;
		const offset = woff.readUInt32BE(at + 4);
		const compLength = woff.readUInt32BE(at + 8);
		const origLength = woff.readUInt32BE(at + 12);
		const raw = woff.subarray(offset, offset + compLength);
		tables.push({
			tag: woff.subarray(at, at + 4),
			checksum: woff.readUInt32BE(at + 16),
			data: compLength < origLength ? inflateSync(raw) : raw
		});
	}
	// The sfnt header: version, table count and the binary-search fields derived from it.
	let power = 1;
	let log = 0;
	while (power * 2 <= count) {
		power *= 2;
		log++;
	}
	const header = Buffer.alloc(12 + 16 * count);
	header.writeUInt32BE(flavor, 0);
	header.writeUInt16BE(count, 4);
	header.writeUInt16BE(power * 16, 6);
	header.writeUInt16BE(log, 8);
	header.writeUInt16BE(count * 16 - power * 16, 10);
	const parts: Buffer[] = [header];
	let offset = header.length;
	tables.forEach((t, i) => {
		const at = 12 + i * 16;
		t.tag.copy(header, at);
		header.writeUInt32BE(t.checksum, at + 4);
		header.writeUInt32BE(offset, at + 8);
		header.writeUInt32BE(t.data.length, at + 12);
		const padded = Buffer.alloc((t.data.length + 3) & ~3);
		t.data.copy(padded);
		parts.push(padded);
		offset += padded.length;
	});
	return Buffer.concat(parts);
}

let fonts: string[] | undefined;

/** Noto Sans Khmer (Khmer, Latin and Latin extended; regular and bold), as TrueType files. */
function chartFonts(): string[] {
	if (fonts) return fonts;
	const require = createRequire(import.meta.url);
	const dir = join(dirname(require.resolve('@fontsource/noto-sans-khmer/package.json')), 'files');
	const out = join(tmpdir(), 'plan-monitor-fonts');
	mkdirSync(out, { recursive: true });
	fonts = ['khmer', 'latin', 'latin-ext'].flatMap((subset) =>
		[400, 700].map((weight) => {
			const ttf = woffToSfnt(
				readFileSync(join(dir, `noto-sans-khmer-${subset}-${weight}-normal.woff`))
			);
			const file = join(out, `${createHash('sha256').update(ttf).digest('hex').slice(0, 16)}.ttf`);
			if (!existsSync(file)) {
				// Written aside and renamed: another process never reads half a font.
				writeFileSync(`${file}.${process.pid}`, ttf);
				renameSync(`${file}.${process.pid}`, file);
			}
			return file;
		})
	);
	return fonts;
}

/** A PNG of an SVG document, twice its size for sharp text, on white. */
export function svgToPng(svg: string): Buffer {
	const resvg = new Resvg(svg, {
		background: '#ffffff',
		fitTo: { mode: 'zoom', value: 2 },
		font: {
			fontFiles: chartFonts(),
			loadSystemFonts: false,
			defaultFontFamily: 'Noto Sans Khmer',
			sansSerifFamily: 'Noto Sans Khmer'
		}
	});
	return resvg.render().asPng();
}
