/**
 * Numbers, shares and quarters as people read them, in English or Khmer (Khmer digits).
 * Pure; the same on the server and in the browser.
 */
export type Locale = 'en' | 'km';

const numberLocale = (locale: Locale) => (locale === 'km' ? 'km-KH-u-nu-khmr' : 'en-GB');

/** A figure: counts as whole numbers with separators, percentages with one decimal and `%`. */
export function formatValue(
	value: number | null,
	unit: 'count' | 'percent',
	locale: Locale
): string {
	if (value === null) return '–';
	if (unit === 'percent')
		return (
			new Intl.NumberFormat(numberLocale(locale), { maximumFractionDigits: 1 }).format(value) + '%'
		);
	return new Intl.NumberFormat(numberLocale(locale), { maximumFractionDigits: 0 }).format(value);
}

/** A share (0.98) as a percentage ("98%"). */
export function formatShare(share: number | null, locale: Locale): string {
	if (share === null || !Number.isFinite(share)) return '–';
	return (
		new Intl.NumberFormat(numberLocale(locale), { maximumFractionDigits: 0 }).format(share * 100) +
		'%'
	);
}

/** A plain number, with the locale's digits. */
export function formatNumber(value: number, locale: Locale): string {
	return new Intl.NumberFormat(numberLocale(locale), { useGrouping: false }).format(value);
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
