import { describe, expect, it } from 'vitest';
import { feature } from 'topojson-client';
import type { Topology as TopologySpec } from 'topojson-specification';
import type { FeatureCollection, MultiPolygon, Polygon } from 'geojson';
import { toTopology } from './topology';

const polygon = (...rings: number[][][]) => ({ type: 'Polygon', coordinates: rings });

const left = polygon([
	[0, 0],
	[1, 0],
	[1.5, 0.5],
	[1, 1],
	[0, 1],
	[0, 0]
]);
// The same border, walked the other way, and a hole holding a third unit.
const right = polygon(
	[
		[1, 0],
		[2, 0],
		[2, 1],
		[1, 1],
		[1.5, 0.5],
		[1, 0]
	],
	[
		[1.6, 0.2],
		[1.8, 0.2],
		[1.8, 0.4],
		[1.6, 0.2]
	]
);
const inner = polygon([
	[1.6, 0.2],
	[1.8, 0.4],
	[1.8, 0.2],
	[1.6, 0.2]
]);
const islands = {
	type: 'MultiPolygon',
	coordinates: [
		[
			[
				[5, 5],
				[6, 5],
				[6, 6],
				[5, 5]
			]
		],
		[
			[
				[7, 7],
				[8, 7],
				[8, 8],
				[7, 7]
			]
		]
	]
};
const units = [
	{ code: 'A', name: 'Xã A', geometry: left },
	{ code: 'B', name: 'Xã B', geometry: right },
	{ code: 'C', name: 'Xã C', geometry: inner },
	{ code: 'D', name: 'Xã D', geometry: islands }
];

function decoded(decimals: number) {
	const topology = toTopology(units, decimals);
	const collection = feature(
		topology as unknown as TopologySpec,
		topology.objects.units as never
	) as unknown as FeatureCollection<Polygon | MultiPolygon, { name: string }>;
	return { topology, collection };
}

const close = (a: unknown, b: unknown) =>
	expect(
		JSON.parse(JSON.stringify(a, (_, v) => (typeof v === 'number' ? +v.toFixed(9) : v)))
	).toEqual(b);

describe('toTopology', () => {
	it('reads back (topojson-client) as the same shapes, codes and names', () => {
		const { collection } = decoded(1);
		expect(collection.features.map((f) => [f.id, f.properties.name, f.geometry.type])).toEqual([
			['A', 'Xã A', 'Polygon'],
			['B', 'Xã B', 'Polygon'],
			['C', 'Xã C', 'Polygon'],
			['D', 'Xã D', 'MultiPolygon']
		]);
		collection.features.forEach((f, k) => {
			// Rings may start elsewhere (at a junction), but hold the same points in the same turn.
			const rings = (g: { type: string; coordinates: unknown }) =>
				(g.type === 'Polygon' ? [g.coordinates] : g.coordinates) as number[][][][];
			const expected = rings(units[k].geometry);
			const got = rings(f.geometry);
			expect(got.length).toBe(expected.length);
			got.forEach((polygon, i) =>
				polygon.forEach((ring, j) => {
					const want = expected[i][j].slice(0, -1);
					const start = want.findIndex(
						(p) => p[0] === +ring[0][0].toFixed(9) && p[1] === +ring[0][1].toFixed(9)
					);
					expect(start).toBeGreaterThanOrEqual(0);
					close(ring, [...want.slice(start), ...want.slice(0, start), want[start]]);
				})
			);
		});
	});

	it('stores a shared border once, and integer deltas from a corner of the bounding box', () => {
		const { topology } = decoded(1);
		// Arcs: A's outer border, the A–B border, B's outer border, the hole/C ring, two islands.
		expect(topology.arcs).toHaveLength(6);
		const refs = topology.objects.units.geometries.map((g) => ('arcs' in g ? g.arcs : null));
		const shared = (refs[0] as number[][])[0].filter((a) =>
			(refs[1] as number[][])[0].some((b) => b === ~a)
		);
		expect(shared).toHaveLength(1);
		const hole = (refs[1] as number[][])[1][0];
		expect((refs[2] as number[][])[0]).toEqual([~hole]);
		expect(topology.transform).toEqual({ scale: [0.1, 0.1], translate: [0, 0] });
		expect(topology.bbox).toEqual([0, 0, 8, 8]);
		for (const arc of topology.arcs)
			for (const p of arc) for (const x of p) expect(Number.isInteger(x)).toBe(true);
	});
});
