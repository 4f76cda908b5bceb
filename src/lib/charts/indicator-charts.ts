/**
 * The charts of an indicator page, described once: what each draws, its title, description,
 * labels and number format, in the page's language. The page draws them, and the SVG downloads
 * (`/indicators/[code]/[chart].svg`) draw the very same, so a file never says more or less than
 * the page. A chart the indicator does not have (a map of a computed indicator, a breakdown with
 * no figures) is absent.
 */
import type { ComponentProps } from 'svelte';
import { formatNumber, formatValue, pick, type Locale } from '$lib/domain/format';
import { ageLabel, sexLabel, withheldLabel } from '$lib/labels';
import { m } from '$lib/paraglide/messages';
import type { BreakdownCell, IndicatorPage } from '$lib/domain/indicator-page';
import type BarChart from './BarChart.svelte';
import type ProvinceMap from './ProvinceMap.svelte';
import type SeriesChart from './SeriesChart.svelte';

export const INDICATOR_CHARTS = ['series', 'map', 'sex', 'age'] as const;
export type IndicatorChartName = (typeof INDICATOR_CHARTS)[number];

export interface IndicatorCharts {
	series: ComponentProps<typeof SeriesChart>;
	map?: ComponentProps<typeof ProvinceMap>;
	sex?: ComponentProps<typeof BarChart>;
	age?: ComponentProps<typeof BarChart>;
}

export function indicatorCharts(
	page: Pick<IndicatorPage, 'progress' | 'quarters' | 'provinces' | 'sexes' | 'ages' | 'k'>,
	locale: Locale
): IndicatorCharts {
	const ind = page.progress.indicator;
	const indicator = `${ind.code} ${pick(locale, ind.nameEn, ind.nameKm)}`;
	const format = (v: number) => formatValue(v, ind.unit, locale);
	const bars = (
		id: string,
		title: string,
		cells: BreakdownCell[],
		label: (c: BreakdownCell) => string
	) =>
		cells.length
			? {
					id,
					title,
					description: m.chart_bars_desc(),
					format,
					hiddenLabel: withheldLabel(),
					bars: cells.map((c) => ({
						key: `${c.sex}-${c.ageGroup}`,
						label: label(c),
						value: c.value,
						hidden: c.hidden
					}))
				}
			: undefined;
	return {
		series: {
			id: 'chart-series',
			points: page.quarters,
			title: m.chart_series_title({ indicator }),
			description: m.chart_series_desc(),
			format,
			yearLabel: (y: number) => formatNumber(y, locale),
			legend: {
				actual: m.legend_actual(),
				expected: m.legend_expected(),
				hidden: m.legend_hidden()
			}
		},
		map: ind.computed
			? undefined
			: {
					id: 'chart-map',
					cells: page.provinces,
					title: m.chart_map_title({ indicator }),
					description: m.chart_map_desc(),
					format,
					labels: { hidden: m.map_hidden(), none: m.map_none(), credit: m.map_credit() }
				},
		sex: bars('chart-sex', m.chart_sex_title({ indicator }), page.sexes, (c) => sexLabel(c.sex)),
		age: bars('chart-age', m.chart_age_title({ indicator }), page.ages, (c) => ageLabel(c.ageGroup))
	};
}
