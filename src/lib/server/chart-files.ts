/**
 * An indicator page's charts as files: the page's own Svelte components rendered on the server,
 * so a download never says more or less than the page. SVG as drawn; PNG rasterised from it.
 * A reviewer's chart (unsuppressed) carries the internal marking as a banner, and says so in its
 * name (`$lib/domain/classification`).
 */
import { error, type RequestEvent } from '@sveltejs/kit';
import { render } from 'svelte/server';
import BarChart from '$lib/charts/BarChart.svelte';
import { indicatorCharts } from '$lib/charts/indicator-charts';
import ProvinceMap from '$lib/charts/ProvinceMap.svelte';
import SeriesChart from '$lib/charts/SeriesChart.svelte';
import { classifiedName, classifySvg } from '$lib/domain/classification';
import type { Locale } from '$lib/domain/format';
import { currentLocale } from '$lib/locale';
import { classificationOf } from './classification';
import type { IndicatorPage } from './dashboard';
import { tierFor } from './public-tier';

/** The chart as a standalone SVG document, or null if the page has no such chart. */
export function chartSvg(page: IndicatorPage, chart: string, locale: Locale): string | null {
	const charts = indicatorCharts(page, locale);
	const body =
		chart === 'series'
			? render(SeriesChart, { props: charts.series }).body
			: chart === 'map' && charts.map
				? render(ProvinceMap, { props: charts.map }).body
				: (chart === 'sex' || chart === 'age') && charts[chart]
					? render(BarChart, { props: charts[chart] }).body
					: null;
	// The component's markup, without the comments Svelte leaves for hydration.
	return body && `<?xml version="1.0" encoding="UTF-8"?>\n${body.replace(/<!--[^]*?-->/g, '')}`;
}

/** The chart a download route asks for (`/indicators/PROT-02/map.svg`), as SVG; 404 otherwise. */
export function requestedChart(
	event: Pick<RequestEvent, 'locals' | 'url'> & { params: { code: string; chart: string } }
): { svg: string; filename: string } {
	const code = event.params.code.toUpperCase();
	const tier = tierFor(event);
	const page = tier.page(code);
	if (!page) error(404, 'No such indicator');
	const locale = currentLocale();
	const svg = chartSvg(page, event.params.chart, locale);
	if (!svg) error(404, 'No such chart');
	const classification = classificationOf(event, tier.release);
	return {
		svg: classifySvg(svg, classification, locale),
		filename: classifiedName(`${code}-${event.params.chart}`, classification)
	};
}
