/**
 * Numbers, shares and quarters as people read them, in English or Khmer (Khmer digits).
 * Pure; the same on the server and in the browser. Khmer digits are substituted here rather than
 * asked of `Intl`, whose Khmer data some browsers lack (the page would change after hydration).
 */
export type Locale = 'en' | 'km';

const KHMER_DIGITS = '០១២៣៤៥៦៧៨៩';

/** Writes ASCII digits as Khmer digits for Khmer, leaves them for English. */
export function localDigits(text: string, locale: Locale): string {
	return locale === 'km' ? text.replace(/[0-9]/g, (d) => KHMER_DIGITS[Number(d)]) : text;
}

const formats = new Map<string, Intl.NumberFormat>();

function grouped(value: number, locale: Locale, options: Intl.NumberFormatOptions): string {
	const key = JSON.stringify(options);
	let format = formats.get(key);
	if (!format) formats.set(key, (format = new Intl.NumberFormat('en-GB', options)));
	return localDigits(format.format(value), locale);
}

/** A figure: counts as whole numbers with separators, percentages with one decimal and `%`. */
export function formatValue(
	value: number | null,
	unit: 'count' | 'percent',
	locale: Locale
): string {
	if (value === null) return '–';
	if (unit === 'percent') return grouped(value, locale, { maximumFractionDigits: 1 }) + '%';
	return grouped(value, locale, { maximumFractionDigits: 0 });
}

/** A share (0.98) as a percentage ("98%"). */
export function formatShare(share: number | null, locale: Locale): string {
	if (share === null || !Number.isFinite(share)) return '–';
	return grouped(share * 100, locale, { maximumFractionDigits: 0 }) + '%';
}

/** A plain number, with the locale's digits. */
export function formatNumber(value: number, locale: Locale): string {
	return grouped(value, locale, { useGrouping: false });
}

/** A quarter: `2004 Q4`, or `ត្រីមាសទី៤ ឆ្នាំ២០០៤`. */
export function formatQuarter(period: { year: number; quarter: number }, locale: Locale): string {
	if (locale === 'km')
		return `ត្រីមាសទី${formatNumber(period.quarter, locale)} ឆ្នាំ${formatNumber(period.year, locale)}`;
	return `${period.year} Q${period.quarter}`;
}

/** Picks the English or Khmer text of a thing that has both. */
export function pick(locale: Locale, en: string, km: string): string {
	return locale === 'km' && km ? km : en;
}
