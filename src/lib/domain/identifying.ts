/**
 * The identifying-detail checker: the passages of a narrative (English, Khmer or both) that could
 * help someone work out which child a text is about. It does not decide anything: a reviewer
 * reads every narrative before it is approved for publication, and the flags show where to look.
 * So it leans towards flagging, but keeps ordinary programme language ("Training for 40 police
 * officers in three provinces") clean, or the flags would soon be ignored.
 *
 * What is flagged, and why:
 * - `name`: a person's name — after a title (Mr, Mrs, Ms, Miss, Dr; លោក, លោកស្រី, អ្នកស្រី,
 *   កញ្ញា), after "named", "called", "name is" or ឈ្មោះ, or a capitalised name followed by an
 *   age ("Dara, 14,").
 * - `age_place`: an age of one person ("a 14-year-old", "aged 13", អាយុ១៤ឆ្នាំ) in the same
 *   sentence as a place ("from Poipet", "in Svay Pak", ខេត្ត…, ស្រុក…, a province named in
 *   `places`). Age ranges ("aged 12 to 17") describe groups and are not flagged.
 * - `place`: a village or commune named (an area that small points at families): "Svay Pak
 *   village", "the village of …", "Phum …", "Khum …", ភូមិ…, ឃុំ…, សង្កាត់….
 * - `date`: a day (a case can be found by its day): "12 March 2003", "March 12", "12/03/2003",
 *   "2003-03-12", ថ្ងៃទី១២. Months, quarters and years alone are not flagged.
 * - `phone`: a Cambodian telephone number, in Latin or Khmer digits (0xx xxx xxx, +855 …).
 * - `contact`: an e-mail address.
 * - `case_number`: a case, file or complaint number ("case no. 45", សំណុំរឿងលេខ…).
 * - `address`: a house or street number ("house 12", "street 271", ផ្ទះលេខ…, ផ្លូវលេខ…).
 *
 * Khmer digits are read as digits everywhere (the text is matched through a copy with Latin
 * digits, which keeps every offset). Spans are UTF-16 offsets into the text, sorted, and merged
 * where they overlap.
 */

import { toAsciiDigits } from './periods';

export const IDENTIFYING_KINDS = [
	'name',
	'age_place',
	'place',
	'date',
	'phone',
	'contact',
	'case_number',
	'address'
] as const;
export type IdentifyingKind = (typeof IDENTIFYING_KINDS)[number];

/** A flagged passage: `text.slice(start, end)`, with every reason it was flagged. */
export interface Flag {
	start: number;
	end: number;
	kinds: IdentifyingKind[];
}

export interface CheckOptions {
	/** Place names (provinces, towns) in either language, to find places written without a title. */
	places?: readonly string[];
}

/** Khmer letters and signs, without digits or punctuation. */
const KM = '[\\u1780-\\u17D3\\u17DD]';
/** A space in a Khmer text: a space or the zero-width space many Khmer texts put between words. */
const GAP = '[ \\u200B]?';
/** A Khmer name: a word, and a second word when it is short enough to be part of the name. */
const KM_NAME = `${KM}+(?: ${KM}{1,6}(?!${KM}))?`;
const CAP = "[A-Z][a-z]+(?:[-'][A-Z]?[a-z]+)?";
/** One to three capitalised words: a name. */
const CAP_NAME = `${CAP}(?: ${CAP}){0,2}`;

const MONTHS_EN =
	'(?:January|February|March|April|May|June|July|August|September|October|November|December|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)\\b\\.?';
const AGE_WORDS =
	'(?:one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen)';

/** Capitalised words that begin a place phrase ("in March") without naming a place. */
const NOT_PLACES = new Set(
	'January February March April May June July August September October November December Monday Tuesday Wednesday Thursday Friday Saturday Sunday The This That These Those Each Every All Our Their Its His Her'.split(
		' '
	)
);

/** Words that follow ភូមិ / ឃុំ / សង្កាត់ in ordinary language, not a place's name. */
const KM_PLACE_NOT_NAMES = [
	'សាស្ត្រ',
	'ភាគ',
	'ឃុំ',
	'សង្កាត់',
	'ចំនួន',
	'នានា',
	'ទាំង',
	'គោលដៅ',
	'ដែល',
	'របស់',
	'និង',
	'នីមួយៗ',
	'ផ្សេង',
	'ក្នុង',
	'ជា',
	'មួយ',
	'ខ្លះ',
	'ភាគច្រើន',
	'ជនបទ',
	'ទាំងអស់'
];
/** Words that follow a Khmer title without being a name (លោកអ្នក "you", ពិភពលោក "world"). */
const KM_TITLE_NOT_NAMES = ['អ្នក', 'ទាំង', 'គ្រូ', 'ទេ', 'ដែល', 'និង', 'បាន', 'ជា'];
/** Words that follow ឈ្មោះ when it is the name of a thing, not a person. */
const KM_NAMED_NOT_PEOPLE = ['អង្គការ', 'ក្រសួង', 'ស្ថាប័ន', 'កម្មវិធី', 'គម្រោង', 'ខេត្ត', 'ភូមិ'];

function startsWithAny(text: string, words: readonly string[]): boolean {
	return words.some((w) => text.startsWith(w));
}

interface Rule {
	kind: IdentifyingKind;
	pattern: RegExp;
	/** The part of the match to flag (a capture group); the whole match when absent. */
	group?: number;
	/** Drops a match, given the text it would flag. */
	unless?: (flagged: string) => boolean;
}

const RULES: readonly Rule[] = [
	{
		kind: 'name',
		pattern: new RegExp(`\\b(?:Mr|Mrs|Ms|Miss|Mx|Dr)\\.? ${CAP_NAME}`, 'g')
	},
	{
		kind: 'name',
		pattern: new RegExp(`\\b(?:named|called|name is|known as) (${CAP_NAME})`, 'g'),
		group: 1
	},
	{
		kind: 'name',
		pattern: new RegExp(
			`\\b(${CAP_NAME})(?:, (?:aged? )?\\d{1,2},| \\((?:aged? )?\\d{1,2}\\))`,
			'g'
		),
		group: 1,
		unless: (flagged) => NOT_PLACES.has(flagged.split(' ')[0])
	},
	{
		kind: 'name',
		pattern: new RegExp(`(?<!ពិភព)(?:លោកស្រី|អ្នកស្រី|កញ្ញា|លោក)${GAP}(${KM_NAME})`, 'g'),
		group: 1,
		unless: (flagged) => startsWithAny(flagged, KM_TITLE_NOT_NAMES)
	},
	{
		kind: 'name',
		pattern: new RegExp(`ឈ្មោះ${GAP}(${KM_NAME})`, 'g'),
		group: 1,
		unless: (flagged) => startsWithAny(flagged, KM_NAMED_NOT_PEOPLE)
	},
	{
		kind: 'place',
		pattern: new RegExp(`\\b${CAP_NAME} (?:[Vv]illage|[Cc]ommune)\\b`, 'g'),
		unless: (flagged) => NOT_PLACES.has(flagged.split(' ')[0])
	},
	{
		kind: 'place',
		pattern: new RegExp(`\\b(?:village|commune) of ${CAP_NAME}`, 'gi')
	},
	{ kind: 'place', pattern: new RegExp(`\\b(?:Phum|Khum|Sangkat) ${CAP_NAME}`, 'g') },
	{
		kind: 'place',
		pattern: new RegExp(`(?:ភូមិ|ឃុំ|សង្កាត់)${GAP}(${KM}+)`, 'g'),
		unless: (flagged) =>
			startsWithAny(flagged.replace(/^(?:ភូមិ|ឃុំ|សង្កាត់)[ \u200B]?/, ''), KM_PLACE_NOT_NAMES)
	},
	{
		kind: 'date',
		pattern: new RegExp(`\\b\\d{1,2}(?:st|nd|rd|th)? (?:of )?${MONTHS_EN}(?: \\d{4})?`, 'g')
	},
	{
		kind: 'date',
		pattern: new RegExp(`\\b${MONTHS_EN} \\d{1,2}(?:st|nd|rd|th)?\\b(?!\\d)(?:,? \\d{4})?`, 'g')
	},
	{ kind: 'date', pattern: /\b\d{1,2}[/.-]\d{1,2}[/.-](?:\d{4}|\d{2})\b/g },
	{ kind: 'date', pattern: /\b\d{4}-\d{2}-\d{2}\b/g },
	{ kind: 'date', pattern: new RegExp(`ថ្ងៃទី${GAP}\\d{1,2}(?:${GAP}ខែ${KM}+)?`, 'g') },
	{
		kind: 'phone',
		pattern: /(?:\+ ?855|\b855|\b0)[ .-]?\(?\d{2,3}\)?(?:[ .-]?\d){6,7}\b/g
	},
	{ kind: 'contact', pattern: /\b[\w.+-]+@[\w-]+(?:\.[\w-]+)+\b/g },
	{
		kind: 'case_number',
		pattern: /\b(?:case|file|complaint|dossier)s? ?(?:no\.?|number|#|nº) ?\d[\w/-]*/gi
	},
	{ kind: 'case_number', pattern: /\b(?:case|file) \d+\/\d+/gi },
	{
		kind: 'case_number',
		pattern: new RegExp(`(?:សំណុំរឿង|ពាក្យបណ្ដឹង|ពាក្យបណ្តឹង)${GAP}(?:លេខ)?${GAP}\\d[\\d/-]*`, 'g')
	},
	{
		kind: 'address',
		pattern: /\b(?:house|street|st\.|road|rd\.) ?(?:no\.?|number|#)? ?\d+[A-Za-z]?\b/gi
	},
	{ kind: 'address', pattern: new RegExp(`(?:ផ្ទះ|ផ្លូវ)${GAP}លេខ${GAP}\\d+`, 'g') }
];

/** One person's age: "14-year-old", "aged 13", "age 9", "13 years of age", អាយុ១៤ឆ្នាំ. */
const AGE = new RegExp(
	[
		`\\b(?:\\d{1,2}|${AGE_WORDS})[- ]years?[- ]old\\b`,
		`\\bage(?:d)? \\d{1,2}\\b(?! ?(?:to|-|–|and) ?\\d)`,
		`\\b\\d{1,2} years of age\\b`,
		`\\b(?:girl|boy|child|victim|daughter|son), \\d{1,2}\\b(?!,? ?(?:to|-|–|and) ?\\d)`,
		`អាយុ${GAP}\\d{1,2}(?!\\d)(?:${GAP}ឆ្នាំ)?(?!${GAP}(?:ដល់|-|–)${GAP}\\d)`
	].join('|'),
	'gi'
);

/** A place written in a sentence: "from Poipet", "in Svay Pak", ខេត្ត…, ស្រុក…, ក្រុង…. */
const PLACE_IN_SENTENCE = new RegExp(
	[
		`\\b(?:from|in|of|at|near) (?:the )?(${CAP_NAME})`,
		`(?:ខេត្ត|ស្រុក|ក្រុង|ខណ្ឌ|ភូមិ|ឃុំ|សង្កាត់)${GAP}${KM}+`
	].join('|'),
	'g'
);

/** A sentence's bounds around `at`: up to the nearest full stop, ។, ! ? or line break. */
function sentenceAround(text: string, at: number, end: number): [number, number] {
	const stop = /[.!?\n\u17D4\u17D5]/;
	let s = at;
	while (s > 0 && !(stop.test(text[s - 1]) && (text[s - 1] !== '.' || /\s/.test(text[s] ?? ''))))
		s--;
	let e = end;
	while (
		e < text.length &&
		!(stop.test(text[e]) && (text[e] !== '.' || !/\w/.test(text[e + 1] ?? '')))
	)
		e++;
	return [s, e];
}

function hasPlace(sentence: string, places: readonly string[]): boolean {
	for (const m of sentence.matchAll(PLACE_IN_SENTENCE)) {
		if (m[1] === undefined || !NOT_PLACES.has(m[1].split(' ')[0])) return true;
	}
	return places.some((p) => p.length > 1 && sentence.includes(p));
}

function merge(found: { start: number; end: number; kind: IdentifyingKind }[]): Flag[] {
	found.sort((a, b) => a.start - b.start || b.end - a.end);
	const flags: Flag[] = [];
	for (const f of found) {
		const last = flags.at(-1);
		if (last && f.start < last.end) {
			last.end = Math.max(last.end, f.end);
			if (!last.kinds.includes(f.kind)) last.kinds.push(f.kind);
		} else flags.push({ start: f.start, end: f.end, kinds: [f.kind] });
	}
	return flags;
}

/** The passages of `text` that could identify a child, sorted and not overlapping. */
export function findIdentifying(text: string, options: CheckOptions = {}): Flag[] {
	const places = options.places ?? [];
	// Each Khmer digit is one UTF-16 unit, as its ASCII digit is: offsets into `latin` hold in `text`.
	const latin = toAsciiDigits(text);
	const found: { start: number; end: number; kind: IdentifyingKind }[] = [];
	for (const rule of RULES) {
		for (const m of latin.matchAll(rule.pattern)) {
			const part = rule.group === undefined ? m[0] : m[rule.group];
			const start = m.index + (rule.group === undefined ? 0 : m[0].indexOf(part));
			const end = start + part.length;
			if (rule.unless?.(text.slice(start, end))) continue;
			found.push({ start, end, kind: rule.kind });
		}
	}
	for (const m of latin.matchAll(AGE)) {
		const [s, e] = sentenceAround(latin, m.index, m.index + m[0].length);
		if (hasPlace(latin.slice(s, e), places)) {
			found.push({ start: s, end: e, kind: 'age_place' });
		}
	}
	return merge(found).map((f) => trim(text, f));
}

/** A flag without the spaces at its ends. */
function trim(text: string, flag: Flag): Flag {
	let { start, end } = flag;
	while (start < end && /\s/.test(text[start])) start++;
	while (end > start && /\s/.test(text[end - 1])) end--;
	return { ...flag, start, end };
}

/** A text cut into plain and flagged pieces, in order, for showing the flags highlighted. */
export function flaggedPieces(
	text: string,
	flags: readonly Flag[]
): { text: string; kinds?: IdentifyingKind[] }[] {
	const pieces: { text: string; kinds?: IdentifyingKind[] }[] = [];
	let at = 0;
	for (const f of flags) {
		if (f.start > at) pieces.push({ text: text.slice(at, f.start) });
		pieces.push({ text: text.slice(f.start, f.end), kinds: f.kinds });
		at = f.end;
	}
	if (at < text.length) pieces.push({ text: text.slice(at) });
	return pieces;
}
