import { error } from '@sveltejs/kit';
import { render } from 'svelte/server';
import BarChart from '$lib/charts/BarChart.svelte';
import { indicatorCharts } from '$lib/charts/indicator-charts';
import ProvinceMap from '$lib/charts/ProvinceMap.svelte';
import SeriesChart from '$lib/charts/SeriesChart.svelte';
import { currentLocale } from '$lib/locale';
import { provinceFeatures } from '$lib/server/geo';
import { tierFor } from '$lib/server/guard';
import type { RequestHandler } from './$types';

/** Each chart of the indicator page as a standalone SVG file, drawn as the page draws it. */
export const GET: RequestHandler = (event) => {
	const code = event.params.code.toUpperCase();
	const page = tierFor(event).page(code);
	if (!page) error(404, 'No such indicator');
	const charts = indicatorCharts(page, provinceFeatures(), currentLocale());
	const { chart } = event.params;
	const body =
		chart === 'series'
			? render(SeriesChart, { props: charts.series }).body
			: chart === 'map' && charts.map
				? render(ProvinceMap, { props: charts.map }).body
				: (chart === 'sex' || chart === 'age') && charts[chart]
					? render(BarChart, { props: charts[chart] }).body
					: error(404, 'No such chart');
	// The component's markup, without the comments Svelte leaves for hydration.
	const svg = body.replace(/<!--[^]*?-->/g, '');
	return new Response(`<?xml version="1.0" encoding="UTF-8"?>\n${svg}`, {
		headers: {
			'content-type': 'image/svg+xml; charset=utf-8',
			'content-disposition': `attachment; filename="${code}-${chart}.svg"`
		}
	});
};
