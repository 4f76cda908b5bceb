/**
 * The province boundaries (data/geo/cambodia-provinces.topo.json, © OpenStreetMap contributors,
 * ODbL, via geoBoundaries: see data/geo/SOURCES.md) as GeoJSON features for the map charts.
 * Read once: the file never changes while the server runs.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { feature } from 'topojson-client';
import type { Topology } from 'topojson-specification';
import type { FeatureCollection, Geometry } from 'geojson';
import type { ProvinceFeature } from '../charts/map-model';
import { projectRoot } from './config';

type Provinces = FeatureCollection<Geometry, ProvinceFeature['properties']>;
let provinces: Provinces | undefined;

/** The 25 provinces (KH-1 … KH-25), by ISO code. */
export function provinceFeatures(): Provinces {
	if (!provinces) {
		const topology = JSON.parse(
			readFileSync(join(projectRoot(), 'data/geo/cambodia-provinces.topo.json'), 'utf8')
		) as Topology;
		provinces = feature(topology, topology.objects.provinces) as Provinces;
	}
	return provinces;
}
