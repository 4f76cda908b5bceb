/**
 * The province boundaries (data/geo/cambodia-provinces.topo.json, © OpenStreetMap contributors,
 * ODbL, via geoBoundaries: see data/geo/SOURCES.md) as GeoJSON features, for the maps. Bundled
 * with the code that draws them, so pages never carry them as data.
 *
 * Simplified once, keeping the most telling third of the points: a map a few hundred pixels wide
 * shows no more, and every page and download is a third lighter. The simplification works on the
 * topology's shared arcs, so neighbouring provinces keep one border and no gap opens.
 */
import type { FeatureCollection, Geometry } from 'geojson';
import { feature } from 'topojson-client';
import { presimplify, quantile, simplify } from 'topojson-simplify';
import topology from '../../../data/geo/cambodia-provinces.topo.json';
import type { ProvinceFeature } from './map-model';

/** The share of the boundary points kept (by their weight: the area each one adds). */
const KEPT = 0.35;

const weighted = presimplify(
	structuredClone(topology) as unknown as Parameters<typeof presimplify>[0]
);
const simplified = simplify(weighted, quantile(weighted, KEPT));

/** The 25 provinces (KH-1 … KH-25), by ISO code. */
export const PROVINCES = feature(simplified, simplified.objects.provinces) as FeatureCollection<
	Geometry,
	ProvinceFeature['properties']
>;
