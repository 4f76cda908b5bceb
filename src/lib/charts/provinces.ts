/**
 * The province boundaries (data/geo/cambodia-provinces.topo.json, © OpenStreetMap contributors,
 * ODbL, via geoBoundaries: see data/geo/SOURCES.md) as GeoJSON features, for the maps. Bundled
 * with the code that draws them, so pages never carry them as data.
 */
import type { FeatureCollection, Geometry } from 'geojson';
import { feature } from 'topojson-client';
import type { Topology } from 'topojson-specification';
import topology from '../../../data/geo/cambodia-provinces.topo.json';
import type { ProvinceFeature } from './map-model';

/** The 25 provinces (KH-1 … KH-25), by ISO code. */
export const PROVINCES = feature(
	topology as unknown as Topology,
	(topology as unknown as Topology).objects.provinces
) as FeatureCollection<Geometry, ProvinceFeature['properties']>;
