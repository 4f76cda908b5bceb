/**
 * Charts as PNG images: the very SVG the page draws, rasterised by resvg (Rust, no browser), with
 * Noto Sans Khmer (the whole font, Khmer and Latin in one face: resvg does not fall back from
 * face to face inside a Khmer run), so that labels render the same on every machine.
 */
import { Resvg } from '@resvg/resvg-js';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

let fonts: string[] | undefined;

/** Noto Sans Khmer, regular and bold, as TrueType files. */
function chartFonts(): string[] {
	if (!fonts) {
		const require = createRequire(import.meta.url);
		const dir = dirname(require.resolve('@expo-google-fonts/noto-sans-khmer/package.json'));
		fonts = ['400Regular', '700Bold'].map((face) => join(dir, face, `NotoSansKhmer_${face}.ttf`));
	}
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
