import { error } from '@sveltejs/kit';
import { render } from 'svelte/server';
import BarChart from '$lib/charts/BarChart.svelte';
import ProvinceMap from '$lib/charts/ProvinceMap.svelte';
import SeriesChart from '$lib/charts/SeriesChart.svelte';
import { formatNumber, formatValue, pick } from '$lib/domain/format';
import { PUBLIC_K } from '$lib/domain/privacy';
import { ageLabel, sexLabel } from '$lib/labels';
import { currentLocale } from '$lib/locale';
import { m } from '$lib/paraglide/messages';
import { loadIndicatorPage, type BreakdownCell } from '$lib/server/dashboard';
import { getDb } from '$lib/server/db';
import { provinceFeatures } from '$lib/server/geo';
import { seesUnsuppressed } from '$lib/server/guard';
import type { RequestHandler } from './$types';

/** Each chart of the indicator page as a standalone SVG file, drawn by the same component. */
export const GET: RequestHandler = (event) => {
	const code = event.params.code.toUpperCase();
	const page = loadIndicatorPage(getDb(), code, { suppress: !seesUnsuppressed(event) });
	if (!page) error(404, 'No such indicator');
	const locale = currentLocale();
	const ind = page.progress.indicator;
	const indicator = `${ind.code} ${pick(locale, ind.nameEn, ind.nameKm)}`;
	const format = (v: number) => formatValue(v, ind.unit, locale);
	const withheld = m.suppressed({ k: formatNumber(PUBLIC_K, locale) });
	const bars = (cells: BreakdownCell[], label: (c: BreakdownCell) => string) =>
		cells.map((c) => ({
			key: `${c.sex}-${c.ageGroup}`,
			label: label(c),
			value: c.value,
			hidden: c.hidden
		}));
	const chart = event.params.chart;
	let body: string;
	if (chart === 'series')
		body = render(SeriesChart, {
			props: {
				id: 'series',
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
			}
		}).body;
	else if (chart === 'map' && !ind.computed)
		body = render(ProvinceMap, {
			props: {
				id: 'map',
				features: provinceFeatures(),
				cells: page.provinces,
				title: m.chart_map_title({ indicator }),
				description: m.chart_map_desc(),
				format,
				labels: { hidden: m.map_hidden(), none: m.map_none(), credit: m.map_credit() }
			}
		}).body;
	else if ((chart === 'sex' && page.sexes.length) || (chart === 'age' && page.ages.length))
		body = render(BarChart, {
			props: {
				id: chart,
				bars:
					chart === 'sex'
						? bars(page.sexes, (c) => sexLabel(c.sex))
						: bars(page.ages, (c) => ageLabel(c.ageGroup)),
				title:
					chart === 'sex' ? m.chart_sex_title({ indicator }) : m.chart_age_title({ indicator }),
				description: m.chart_bars_desc(),
				format,
				hiddenLabel: withheld
			}
		}).body;
	else error(404, 'No such chart');
	// The component's markup, without the comments Svelte leaves for hydration.
	const svg = body.replace(/<!--[^]*?-->/g, '');
	return new Response(`<?xml version="1.0" encoding="UTF-8"?>\n${svg}`, {
		headers: {
			'content-type': 'image/svg+xml; charset=utf-8',
			'content-disposition': `attachment; filename="${code}-${chart}.svg"`
		}
	});
};
