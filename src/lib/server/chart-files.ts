/**
 * An indicator page's charts as files: each chart of the registry (`$lib/charts/indicator-charts`)
 * drawn on the server as the page draws it, so a download never says more or less than the page. SVG as drawn; PNG rasterised from it.
 *
 * Drawing costs CPU (a PNG about a tenth of a second), so each client (by address) may have
 * only so many drawn: `CHART_RATE_LIMIT` as `max/seconds`, default 30 per minute; beyond it the
 * answer is 429 with `Retry-After`. A chart the public cache keeps is given without drawing,
 * and never counts. A reviewer's chart (unsuppressed) carries the internal marking as a banner,
 * and says so in its name (`$lib/domain/classification`).
 */
import { error, type RequestEvent } from '@sveltejs/kit';
import { m } from '$lib/paraglide/messages';
import { render } from 'svelte/server';
import Drawn from '$lib/charts/Drawn.svelte';
import { frameChartFile } from '$lib/charts/file-frame';
import {
	indicatorChart,
	indicatorCharts,
	type IndicatorChartName
} from '$lib/charts/indicator-charts';
import { formatNumber } from '$lib/domain/format';
import { axisLabel } from '$lib/labels';
import { getDb } from './db';
import { hasDemoData } from './demo/load';
import { classifiedName, classifySvg } from '$lib/domain/classification';
import type { Locale } from '$lib/domain/format';
import { currentLocale } from '$lib/locale';
import { classificationOf } from './classification';
import type { IndicatorPage } from '$lib/domain/indicator-page';
import { svgToPng } from './png';
import { tierFor } from './release';
import { orNotFound } from './route-answers';
import { parseBucketSettings, TokenBuckets } from './token-bucket';

/** What a chart file says of its release: its date, and whether it is demonstration data. */
export interface FileRelease {
	date: string;
	demo: boolean;
}

/** The figures a chart draws: whether any of them is withheld. */
const withheldIn: Record<IndicatorChartName, (page: IndicatorPage) => boolean> = {
	series: (page) => page.quarters.some((q) => q.hidden),
	map: (page) => page.provinces.some((p) => p.hidden),
	sex: (page) => page.sexes.some((c) => c.hidden),
	age: (page) => page.ages.some((c) => c.hidden)
};

/**
 * The chart as a standalone SVG document, or null if the page has no such chart: the drawing,
 * and around it its title, unit, source and release date, the note on withheld figures when it
 * has any, and the demonstration-data label (`$lib/charts/file-frame`).
 */
export function chartSvg(
	page: IndicatorPage,
	chart: string,
	locale: Locale,
	release: FileRelease = { date: '', demo: false }
): string | null {
	const registered = indicatorChart(chart);
	const drawing = registered && indicatorCharts(page, locale)[registered.name];
	if (!registered || !drawing) return null;
	const body = render(Drawn, { props: { drawing, file: true } }).body;
	const unit = page.progress.indicator.unit;
	const framed = frameChartFile(body, {
		title: String(drawing.props.title),
		unit: axisLabel(unit),
		source: m.chart_source({ date: release.date }, { locale }),
		withheld: withheldIn[registered.name](page)
			? m.withheld_note({ last: formatNumber(page.k - 1, locale) }, { locale })
			: undefined,
		demo: release.demo ? m.chart_demo({}, { locale }) : undefined
	});
	// The component's markup, without the comments Svelte leaves for hydration.
	return `<?xml version="1.0" encoding="UTF-8"?>\n${framed.replace(/<!--[^]*?-->/g, '')}`;
}

const drawing = new TokenBuckets(
	parseBucketSettings(process.env.CHART_RATE_LIMIT, { capacity: 30, windowSeconds: 60 })
);

type ChartEvent = Pick<RequestEvent, 'locals' | 'url' | 'getClientAddress'> & {
	params: { code: string; chart: string };
};

/**
 * The answer of a chart download route (`/indicators/PROT-02/map.svg`, `map.png`): the chart as
 * a file; 404 for no such indicator or chart; 429 once the client has had its share drawn.
 */
export function chartResponse(event: ChartEvent, format: 'svg' | 'png'): Response {
	const code = event.params.code.toUpperCase();
	const tier = tierFor(event);
	const page = orNotFound(tier.page(code));
	if (!indicatorChart(event.params.chart)) error(404, 'No such chart');
	const turn = drawing.take(event.getClientAddress(), Date.now());
	if (!turn.ok) {
		const seconds = { seconds: String(turn.retryAfterSeconds) };
		return new Response(
			`${m.chart_rate_limited(seconds, { locale: 'en' })}\n${m.chart_rate_limited(seconds, { locale: 'km' })}\n`,
			{
				status: 429,
				headers: {
					'content-type': 'text/plain; charset=utf-8',
					'retry-after': String(turn.retryAfterSeconds)
				}
			}
		);
	}
	const locale = currentLocale();
	const drawn = chartSvg(page, event.params.chart, locale, {
		date: tier.release.at.slice(0, 10),
		demo: hasDemoData(getDb())
	});
	if (!drawn) error(404, 'No such chart');
	const classification = classificationOf(event, tier.release);
	const svg = classifySvg(drawn, classification, locale);
	const filename = `${classifiedName(`${code}-${event.params.chart}`, classification)}.${format}`;
	const disposition = `attachment; filename="${filename}"`;
	return format === 'svg'
		? new Response(svg, {
				headers: {
					'content-type': 'image/svg+xml; charset=utf-8',
					'content-disposition': disposition
				}
			})
		: new Response(new Uint8Array(svgToPng(svg)), {
				headers: { 'content-type': 'image/png', 'content-disposition': disposition }
			});
}
