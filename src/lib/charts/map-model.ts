/**
 * The geometry of a province map (choropleth): each province's outline projected to fit the
 * frame (d3-geo, Mercator), and its class on a five-step scale of equal, rounded intervals from
 * zero to the largest figure. A withheld figure gets no class (it is hatched), nor does a
 * province with no figure. Pure: takes GeoJSON features (see $lib/server/geo).
 */
import { max } from 'd3-array';
import { geoMercator, geoPath, type GeoProjection } from 'd3-geo';
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

type Features = FeatureCollection<Geometry, ProvinceFeature['properties']>;
type Outline = { code: string; d: string; centroid: [number, number] };

/** Projected outlines, kept per feature collection and frame size: boundaries never change. */
const outlines = new WeakMap<Features, Map<string, Outline[]>>();

function outlinesOf(features: Features, width: number, height: number): Outline[] {
	const sizes = outlines.get(features) ?? new Map<string, Outline[]>();
	outlines.set(features, sizes);
	const key = `${width}x${height}`;
	let found = sizes.get(key);
	if (!found) {
		const projection = geoMercator().fitSize([width, height], features);
		const path = geoPath(projection);
		found = features.features.map((f) => ({
			code: f.properties.iso_code,
			d: outline(projection, f),
			centroid: path.centroid(f).map((n) => Math.round(n)) as [number, number]
		}));
		sizes.set(key, found);
	}
	return found;
}

/**
 * A feature's outline as compact SVG path data: points on the whole pixel (a map a few hundred
 * pixels wide shows no finer), each point relative to the one before (`m`, then the implicit
 * relative "line to"), and a point that rounds onto the one before it dropped. Rounding is done
 * on absolute positions, so neighbours draw their shared border alike and no gap opens between
 * them. About a fifth of the size of d3's own output at one decimal.
 */
function outline(projection: GeoProjection, f: Feature): string {
	let d = '';
	let x0 = 0;
	let y0 = 0;
	let start: [number, number] = [0, 0];
	const to = (x: number, y: number) => {
		const [rx, ry] = [Math.round(x), Math.round(y)];
		const step = `${rx - x0} ${ry - y0}`;
		[x0, y0] = [rx, ry];
		return step;
	};
	const context = {
		moveTo(x: number, y: number) {
			d += `m${to(x, y)}`;
			start = [x0, y0];
		},
		lineTo(x: number, y: number) {
			if (Math.round(x) === x0 && Math.round(y) === y0) return;
			d += ` ${to(x, y)}`;
		},
		closePath() {
			// After "z" the pen is back at the ring's first point.
			d += 'z';
			[x0, y0] = start;
		},
		arc() {},
		beginPath() {},
		rect() {}
	};
	geoPath(projection, context as unknown as Parameters<typeof geoPath>[1])(f);
	return d;
}

export function buildMapModel(
	features: Features,
	cells: readonly MapCell[],
	options: { width?: number; height?: number } = {}
): MapModel {
	const width = options.width ?? 480;
	const height = options.height ?? 400;
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
		shapes: outlinesOf(features, width, height).map((outline) => {
			const cell = byCode.get(outline.code);
			const value = cell?.value ?? null;
			return {
				...outline,
				fill: cell?.hidden ? 'hidden' : value === null ? 'none' : classOf(value),
				value
			};
		}),
		legend: CHART.classes.map((_, i) => ({ from: i * size, to: (i + 1) * size }))
	};
}
