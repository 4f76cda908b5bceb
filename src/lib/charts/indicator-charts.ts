/**
 * The charts of an indicator page, registered once: `INDICATOR_CHARTS` lists each chart with
 * its name (in addresses and file names: `/indicators/PROT-02/map.svg`), what it is called, the
 * component that draws it, and its props for a page in the page's language — or none, when the
 * indicator does not have it (a map of a computed indicator, a breakdown with no figures).
 *
 * Everything else reads this list: the page draws each chart from it, its download links are
 * its entries, the SVG and PNG files (`$lib/server/chart-files`) draw the very same, so a file
 * never says more or less than the page, and the tests walk it. A new chart is one entry here
 * (and its component and model), placed on the page with `<Drawn drawing={charts.name} />`.
 */
import type { Component } from 'svelte';
import { resolve } from '$app/paths';
import type { BreakdownCell, IndicatorPage, ProvinceCell } from '$lib/domain/indicator-page';
import { formatNumber, formatValue, pick, type Locale } from '$lib/domain/format';
import { ageLabel, axisLabel, sexLabel, withheldLabel } from '$lib/labels';
import { m } from '$lib/paraglide/messages';
import BarChart from './BarChart.svelte';
import type { Drawing } from './drawing';
import ProvinceMap from './ProvinceMap.svelte';
import SeriesChart from './SeriesChart.svelte';

/** What a chart is drawn from: the parts of an indicator page that charts read. */
export type ChartPage = Pick<
	IndicatorPage,
	'progress' | 'quarters' | 'provinces' | 'sexes' | 'ages' | 'k'
>;

/** What every chart of a page shares: its element id, language, title prefix and numbers. */
interface ChartContext {
	/** The chart's element id on the page (`chart-series`). */
	id: string;
	locale: Locale;
	/** The indicator as titles name it: `PROT-02 Children …`. */
	indicator: string;
	/** Writes a value as the page does (units, digits). */
	format: (value: number) => string;
	/** What the value axis measures, in the page's language. */
	unit: string;
}

/** One registered chart. */
interface ChartEntry<N extends string, P extends object> {
	name: N;
	/** What the chart is called in its download link ("Map", "Quarterly series"). */
	label: () => string;
	component: Component<P>;
	/** The chart's props for a page, or undefined when the page has no such chart. */
	props: (page: ChartPage, context: ChartContext) => P | undefined;
}

/** An entry, its props checked against its component's. */
function chart<const N extends string, P extends object>(entry: ChartEntry<N, P>) {
	return {
		...entry,
		draw: (page: ChartPage, context: ChartContext): Drawing | undefined => {
			const props = entry.props(page, context);
			return props && ({ component: entry.component, props } as unknown as Drawing);
		}
	};
}

/**
 * Each province's link on a page's map: to its page, named by the province and its figure (or
 * "withheld", or "no figure"), in the page's language.
 */
export function provinceLinks(
	cells: readonly ProvinceCell[],
	format: (value: number) => string,
	locale: Locale
): (code: string) => { href: string; label: string } | undefined {
	const byCode = new Map(cells.map((c) => [c.code, c]));
	return (code) => {
		const cell = byCode.get(code);
		if (!cell) return undefined;
		const figure = cell.hidden
			? withheldLabel()
			: cell.value === null
				? m.map_none()
				: format(cell.value);
		return {
			href: resolve(`/provinces/${code}`),
			label: m.map_province_link({ province: pick(locale, cell.nameEn, cell.nameKm), figure })
		};
	};
}

/** A breakdown's bars (by sex or by age), or none when it has no figures. */
function breakdownBars(
	cells: BreakdownCell[],
	title: string,
	label: (c: BreakdownCell) => string,
	context: ChartContext
) {
	return cells.length
		? {
				id: context.id,
				title,
				description: m.chart_bars_desc(),
				format: context.format,
				hiddenLabel: withheldLabel(),
				bars: cells.map((c) => ({
					key: `${c.sex}-${c.ageGroup}`,
					label: label(c),
					value: c.value,
					hidden: c.hidden
				}))
			}
		: undefined;
}

/** Every chart of an indicator page, in the order of its downloads. */
export const INDICATOR_CHARTS = [
	chart({
		name: 'series',
		label: () => m.chart_name_series(),
		component: SeriesChart,
		props: (page, { id, locale, indicator, format, unit }) => ({
			id,
			points: page.quarters,
			unit,
			title: m.chart_series_title({ indicator }),
			description: m.chart_series_desc(),
			format,
			yearLabel: (y: number) => formatNumber(y, locale),
			legend: {
				actual: m.legend_actual(),
				expected: m.legend_expected(),
				hidden: m.legend_hidden()
			}
		})
	}),
	chart({
		name: 'map',
		label: () => m.chart_name_map(),
		component: ProvinceMap,
		// No map of a computed indicator, nor of one reported nationally only (a blank map says
		// nothing): the page says so instead.
		props: (page, { id, locale, indicator, format }) =>
			page.progress.indicator.computed || page.provinces.every((p) => p.value === null && !p.hidden)
				? undefined
				: {
						id,
						cells: page.provinces,
						title: m.chart_map_title({ indicator }),
						description: m.chart_map_desc(),
						format,
						labels: { hidden: m.map_hidden(), none: m.map_none(), credit: m.map_credit() },
						link: provinceLinks(page.provinces, format, locale)
					}
	}),
	chart({
		name: 'sex',
		label: () => m.chart_name_sex(),
		component: BarChart,
		props: (page, context) =>
			breakdownBars(
				page.sexes,
				m.chart_sex_title({ indicator: context.indicator }),
				(c) => sexLabel(c.sex),
				context
			)
	}),
	chart({
		name: 'age',
		label: () => m.chart_name_age(),
		component: BarChart,
		props: (page, context) =>
			breakdownBars(
				page.ages,
				m.chart_age_title({ indicator: context.indicator }),
				(c) => ageLabel(c.ageGroup),
				context
			)
	})
];

export type IndicatorChartName = (typeof INDICATOR_CHARTS)[number]['name'];

/** The registered chart of a name, or undefined (a name from an address may be anything). */
export function indicatorChart(name: string) {
	return INDICATOR_CHARTS.find((c) => c.name === name);
}

/** Each chart of a page drawn in its language, by name: absent where the page has none. */
export function indicatorCharts(
	page: ChartPage,
	locale: Locale
): Record<IndicatorChartName, Drawing | undefined> {
	const ind = page.progress.indicator;
	const indicator = `${ind.code} ${pick(locale, ind.nameEn, ind.nameKm)}`;
	const format = (v: number) => formatValue(v, ind.unit, locale);
	const unit = axisLabel(ind.unit);
	return Object.fromEntries(
		INDICATOR_CHARTS.map((c) => [
			c.name,
			c.draw(page, { id: `chart-${c.name}`, locale, indicator, format, unit })
		])
	) as Record<IndicatorChartName, Drawing | undefined>;
}
