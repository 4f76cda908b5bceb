import type { FeatureCollection, Geometry } from 'geojson';
import { describe, expect, it } from 'vitest';
import { buildMapModel, type ProvinceFeature } from './map-model';

const square = (code: string, x: number): ProvinceFeature => ({
	type: 'Feature',
	properties: { iso_code: code, name_en: code },
	geometry: {
		type: 'Polygon',
		coordinates: [
			[
				[x, 0],
				[x, 1],
				[x + 1, 1],
				[x + 1, 0],
				[x, 0]
			]
		]
	}
});
const features: FeatureCollection<Geometry, ProvinceFeature['properties']> = {
	type: 'FeatureCollection',
	features: [square('KH-1', 0), square('KH-2', 1), square('KH-3', 2), square('KH-4', 3)]
};

describe('buildMapModel', () => {
	const model = buildMapModel(
		features,
		[
			{ code: 'KH-1', value: 0, hidden: false },
			{ code: 'KH-2', value: 48, hidden: false },
			{ code: 'KH-3', value: null, hidden: true }
		],
		{ width: 400, height: 100 }
	);

	it('fits the provinces to the frame', () => {
		const xs = model.shapes.map((s) => s.centroid[0]);
		expect(xs).toEqual([50, 150, 250, 350]);
	});

	it('classes figures on equal, rounded intervals from zero', () => {
		expect(model.legend).toEqual([
			{ from: 0, to: 10 },
			{ from: 10, to: 20 },
			{ from: 20, to: 30 },
			{ from: 30, to: 40 },
			{ from: 40, to: 50 }
		]);
		expect(model.shapes.map((s) => s.fill)).toEqual([0, 4, 'hidden', 'none']);
	});

	it('never carries a withheld figure', () => {
		expect(model.shapes[2].value).toBeNull();
	});
});
