/**
 * The geometry of a province map (choropleth): each province's outline projected to fit the
 * frame (d3-geo, Mercator), and its class on a five-step scale of equal, rounded intervals from
 * zero to the largest figure. A withheld figure gets no class (it is hatched), nor does a
 * province with no figure. Pure: takes GeoJSON features (see $lib/server/geo).
 */
import { max } from 'd3-array';
import { geoMercator, geoPath } from 'd3-geo';
import { scaleLinear } from 'd3-scale';
import type { Feature, FeatureCollection, Geometry } from 'geojson';
import { CHART } from './defaults';

export type ProvinceFeature = Feature<Geometry, { iso_code: string; name_en: string }>;

export interface MapCell {
	code: string;
	value: number | null;
	hidden: boolean;
}

export interface MapShape {
	code: string;
	d: string;
	/** 0–4, or `hidden` (withheld), or `none` (no figure). */
	fill: number | 'hidden' | 'none';
	value: number | null;
	/** Where a label or focus ring can sit. */
	centroid: [number, number];
}

export interface MapModel {
	width: number;
	height: number;
	shapes: MapShape[];
	/** The classes: class i holds figures from `from` up to (and with the last, including) `to`. */
	legend: { from: number; to: number }[];
}

export function buildMapModel(
	features: FeatureCollection<Geometry, ProvinceFeature['properties']>,
	cells: readonly MapCell[],
	options: { width?: number; height?: number } = {}
): MapModel {
	const width = options.width ?? 480;
	const height = options.height ?? 400;
	const projection = geoMercator().fitSize([width, height], features);
	const path = geoPath(projection).digits(1);
	const byCode = new Map(cells.map((c) => [c.code, c]));
	const top = max(cells, (c) => c.value ?? 0) ?? 0;
	const [, end] = scaleLinear([0, top || 1], [0, 1])
		.nice(5)
		.domain();
	const size = end / CHART.classes.length;
	const classOf = (v: number) => Math.min(CHART.classes.length - 1, Math.floor(v / size));
	return {
		width,
		height,
		shapes: features.features.map((f) => {
			const cell = byCode.get(f.properties.iso_code);
			const value = cell?.value ?? null;
			return {
				code: f.properties.iso_code,
				d: path(f) ?? '',
				fill: cell?.hidden ? 'hidden' : value === null ? 'none' : classOf(value),
				value,
				centroid: path.centroid(f).map((n) => Math.round(n)) as [number, number]
			};
		}),
		legend: CHART.classes.map((_, i) => ({ from: i * size, to: (i + 1) * size }))
	};
}
