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
	return rasterise(khmerFirst(svg));
}

const KHMER = /[\u1780-\u17ff\u19e0-\u19ff]/;
/** KHMER VOWEL INHERENT AQ: a Khmer letter that draws nothing and takes no room. */
const INHERENT_AQ = '\u17b4';

/**
 * Every text that holds Khmer but begins with another script (a code: "PROT-02 ផ្លូវភេទ") made to
 * begin with an invisible Khmer sign: resvg shapes a whole text in the script of its first
 * letter, and left as it was, the Khmer came out unshaped (stacked consonants and vowels
 * misplaced). Latin shaped as Khmer is drawn as it is. Browsers itemise scripts themselves:
 * only the PNG needs this.
 */
export function khmerFirst(svg: string): string {
	return svg.replace(
		/(<text\b[^>]*>)([\s\S]*?)(<\/text>)/g,
		(whole, open, inner: string, close) => {
			const text = inner.replace(/<[^>]*>/g, '').trimStart();
			if (!KHMER.test(text) || KHMER.test(text[0])) return whole;
			return open + INHERENT_AQ + inner + close;
		}
	);
}

/** The rasteriser itself, with the chart fonts (exported for the test of `khmerFirst`). */
export function rasterise(svg: string): Buffer {
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
