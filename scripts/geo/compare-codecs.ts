/**
 * The national map's shapes made two ways, from the same GeoJSON the store holds (the 9,746
 * communes of ../shared/data/vietnam-communes.topojson, as the bench loads them): the
 * hand-written path of src/lib/geo (round to 3 decimals, cut rings at junctions, Douglas–Peucker
 * at 0.003°, arcs, binary) and topojson-server 3.0.1 + topojson-simplify 3.0.3 (topology at the
 * same 0.001° grid, Visvalingam presimplify, simplify to the same number of points, re-quantise,
 * the same binary encoder). Prints bytes (binary, gzip -9) and milliseconds of each (median of
 * `--runs`, default 3). Usage: `npx tsx scripts/geo/compare-codecs.ts [--runs N]`.
 */
import { resolve } from 'node:path';
import { gzipSync } from 'node:zlib';
import { topology } from 'topojson-server';
import { presimplify, simplify } from 'topojson-simplify';
import { quantize } from 'topojson-client';
import { readNationalUnits } from '../bench/geography.ts';
import { compactGeometry, decimalsFor } from '../../src/lib/geo/compact.ts';
import { simplifyShapes } from '../../src/lib/geo/simplify.ts';
import { toTopology } from '../../src/lib/geo/topology.ts';
import { packTopology, type UnitsTopology } from '../../src/lib/geo/map-shapes.ts';
import { encodeShapes } from '../../src/lib/geo/shapes-binary.ts';

const runs = Number(process.argv[process.argv.indexOf('--runs') + 1]) || 3;
const file = resolve(import.meta.dirname, '../../../shared/data/vietnam-communes.topojson');
const communes = readNationalUnits(file, null).filter((u) => u.level === 'commune' && u.geometry);
const meta = { level: 'commune', at: '2025-12-31' };
const TOLERANCE = 0.003;

const pointsOf = (t: { arcs: number[][][] }) => t.arcs.reduce((n, a) => n + a.length, 0);

function handWritten() {
	const geometries = communes.map((u) => u.geometry!);
	const decimals = decimalsFor(geometries);
	const compact = geometries.map((g) => compactGeometry(g, decimals));
	const simplified = simplifyShapes(compact, TOLERANCE);
	const units = communes.map((u, k) => ({ code: u.code, name: u.name, geometry: simplified[k] }));
	const topo = toTopology(units, decimals);
	return { bytes: encodeShapes(packTopology(topo), meta), points: pointsOf(topo) };
}

function withLibrary(keepPoints: number) {
	const collection = {
		type: 'FeatureCollection',
		features: communes.map((u) => ({
			type: 'Feature',
			id: u.code,
			properties: { name: u.name },
			geometry: u.geometry
		}))
	};
	// The same 0.001° grid as the hand-written path at national scale.
	const [x0, y0, x1, y1] = [102, 8, 110, 23.5];
	const quantization = Math.ceil(Math.max(x1 - x0, y1 - y0) / 0.001) + 1;
	const raw = topology({ units: collection } as never, quantization);
	const pre = presimplify(raw as never);
	// The weight that keeps as many points as the hand-written path (arc ends weigh Infinity).
	const weights = (pre as unknown as { arcs: number[][][] }).arcs
		.flatMap((arc) => arc.map((p) => p[2]))
		.sort((a, b) => b - a);
	const kept = simplify(pre, weights[Math.min(weights.length, keepPoints) - 1]) as unknown as {
		transform?: unknown;
	};
	delete kept.transform; // simplify leaves absolute coordinates under the old transform
	const topo = quantize(kept as never, quantization) as unknown as UnitsTopology;
	return { bytes: encodeShapes(packTopology(topo), meta), points: pointsOf(topo as never) };
}

function measure<T>(fn: () => T): { ms: number; out: T } {
	const times: number[] = [];
	let out!: T;
	for (let i = 0; i < runs; i++) {
		const t = performance.now();
		out = fn();
		times.push(performance.now() - t);
	}
	times.sort((a, b) => a - b);
	return { ms: times[Math.floor(times.length / 2)], out };
}

const hand = measure(handWritten);
const lib = measure(() => withLibrary(hand.out.points));
for (const [name, r] of [
	['hand-written (src/lib/geo)', hand],
	['topojson-server + topojson-simplify', lib]
] as const)
	console.log(
		`${name}: ${communes.length} communes, ${r.out.points} points, binary ${r.out.bytes.length} B, gzip ${gzipSync(r.out.bytes, { level: 9 }).length} B, ${r.ms.toFixed(0)} ms (median of ${runs})`
	);
