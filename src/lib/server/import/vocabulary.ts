/**
 * What the words in a reporter's file may be: the column headers (English and Khmer, any case
 * and spacing), the spellings of sex and age groups, and the headers that give away a file of
 * case records. Pure data and lookups; `normaliseName` is how every comparison is made.
 */
import en from '../../../../messages/en.json';
import km from '../../../../messages/km.json';
import { toAsciiDigits } from '../../domain/periods';

/**
 * The form in which names are compared: Unicode NFC, lower case, one space between words, no
 * zero-width characters, `_`/`-`/`.` as spaces, and Khmer's coeng TA written as coeng DA (both
 * spellings of កណ្ដាល are in use and look the same).
 */
export function normaliseName(text: string): string {
	return text
		.normalize('NFC')
		.replace(/\u200b|\u200c|\u200d|\ufeff/g, '')
		.replace(/\u17d2\u178f/g, '\u17d2\u178a')
		.toLowerCase()
		.replace(/^["'\s]+|["'\s]+$/g, '')
		.replace(/[_.\-/]+/g, ' ')
		.replace(/\s+/g, ' ')
		.trim();
}

export const FIELDS = [
	'reporter',
	'indicator',
	'province',
	'period',
	'sex',
	'age_group',
	'value',
	'note'
] as const;
export type Field = (typeof FIELDS)[number];

/** Header spellings of each canonical field (compared after `normaliseName`). */
const HEADER_ALIASES: Record<Field, string[]> = {
	reporter: [
		'reporter',
		'reporter code',
		'reporting organisation',
		'organisation',
		'organization',
		'org',
		'អ្នករាយការណ៍',
		'អង្គការ'
	],
	indicator: [
		'indicator',
		'indicator code',
		'indicator name',
		'data element',
		'សូចនាករ',
		'លេខកូដសូចនាករ'
	],
	province: [
		'province',
		'province code',
		'province name',
		'location',
		'province city',
		'ខេត្ត',
		'ខេត្ត ក្រុង',
		'រាជធានី ខេត្ត',
		'ទីតាំង'
	],
	period: ['period', 'quarter', 'reporting period', 'រយៈពេល', 'ត្រីមាស'],
	sex: ['sex', 'gender', 'ភេទ'],
	age_group: ['age group', 'agegroup', 'age', 'age band', 'ក្រុមអាយុ', 'អាយុ'],
	value: ['value', 'count', 'number', 'figure', 'total', 'តម្លៃ', 'ចំនួន', 'តួលេខ'],
	note: ['note', 'notes', 'comment', 'comments', 'remark', 'remarks', 'កំណត់សម្គាល់', 'មតិយោបល់']
};

const HEADER_LOOKUP = new Map<string, Field>(
	Object.entries(HEADER_ALIASES).flatMap(([field, names]) =>
		names.map((n) => [normaliseName(n), field as Field] as const)
	)
);

/** The canonical field a header names, if it is one we know. */
export function fieldOfHeader(header: string): Field | undefined {
	return HEADER_LOOKUP.get(normaliseName(header));
}

/** The columns of a DHIS2 data value set CSV, in order. */
export const DHIS2_COLUMNS = [
	'dataelement',
	'period',
	'orgunit',
	'categoryoptioncombo',
	'attributeoptioncombo',
	'value',
	'storedby',
	'lastupdated',
	'comment',
	'followup'
] as const;

/** Headers of personal data: a file that has one is a list of cases, not aggregates. */
const PERSONAL_HEADERS = [
	'name',
	'full name',
	'first name',
	'last name',
	'surname',
	'family name',
	'given name',
	'child name',
	"child's name",
	'victim name',
	'name of child',
	'date of birth',
	'birth date',
	'birthdate',
	'dob',
	'id number',
	'national id',
	'id card',
	'passport',
	'passport number',
	'address',
	'home address',
	'phone',
	'phone number',
	'father',
	"father's name",
	'mother',
	"mother's name",
	'guardian',
	'ឈ្មោះ',
	'ឈ្មោះកុមារ',
	'នាមត្រកូល',
	'ថ្ងៃខែឆ្នាំកំណើត',
	'ថ្ងៃកំណើត',
	'អាសយដ្ឋាន',
	'លេខទូរស័ព្ទ'
].map(normaliseName);

/**
 * The template's read-only columns, the indicator's and the province's names in the reader's
 * language (template.ts): there to read, and left out by the importer in either language.
 */
export const NAME_COLUMNS = {
	en: [en.template_indicator_name, en.template_province_name],
	km: [km.template_indicator_name, km.template_province_name]
} as const;
const NAME_HEADERS = new Set([...NAME_COLUMNS.en, ...NAME_COLUMNS.km].map(normaliseName));

/** Whether a header is one of the template's read-only name columns. */
export const isNameColumn = (header: string): boolean => NAME_HEADERS.has(normaliseName(header));

/** The headers of a file that are personal data (names, dates of birth…), if any. */
export function personalHeaders(headers: readonly string[]): string[] {
	return headers.filter((h) => PERSONAL_HEADERS.includes(normaliseName(h)));
}

const SEXES: Record<string, 'total' | 'female' | 'male'> = {
	'': 'total',
	total: 'total',
	all: 'total',
	both: 'total',
	'both sexes': 'total',
	សរុប: 'total',
	female: 'female',
	f: 'female',
	ស្រី: 'female',
	male: 'male',
	m: 'male',
	ប្រុស: 'male'
};

/** `total`, `female` or `male` from the spellings files use; undefined if unknown. */
export function readSex(text: string): 'total' | 'female' | 'male' | undefined {
	return SEXES[normaliseName(text)];
}

const AGES: Record<string, 'all' | 'under15' | '15to17' | 'under18' | 'adult'> = {
	'': 'all',
	all: 'all',
	'all ages': 'all',
	total: 'all',
	គ្រប់អាយុ: 'all',
	under15: 'under15',
	'under 15': 'under15',
	'<15': 'under15',
	'0 14': 'under15',
	'15to17': '15to17',
	'15 to 17': '15to17',
	'15 17': '15to17',
	under18: 'under18',
	'under 18': 'under18',
	'<18': 'under18',
	'0 17': 'under18',
	child: 'under18',
	children: 'under18',
	កុមារ: 'under18',
	adult: 'adult',
	adults: 'adult',
	'18+': 'adult',
	'18 and over': 'adult',
	មនុស្សពេញវ័យ: 'adult'
};

/** An age group from the spellings files use; undefined if unknown. */
export function readAgeGroup(
	text: string
): 'all' | 'under15' | '15to17' | 'under18' | 'adult' | undefined {
	return AGES[normaliseName(toAsciiDigits(text))];
}
