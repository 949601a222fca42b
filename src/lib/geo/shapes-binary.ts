/**
 * The geometry endpoint's binary answer (`format=binary`): the TopoJSON's shapes (map-shapes.ts
 * PackedShapes) as varints, so that reading ~10,000 communes into the typed arrays the map draws
 * from is one pass over a few hundred kilobytes rather than parsing megabytes of JSON into
 * hundreds of thousands of small arrays. Written by the server; read by the first paint's script
 * and the map's worker (`readShapes`, the one function here that does I/O).
 *
 * Layout:
 *   bytes 0–3   "XSB2"
 *   bytes 4–7   length of the header (uint32, little-endian)
 *   header      JSON, UTF-8: { bbox, transform, codes, names, arcs, points, rings, refs, …extra };
 *               the transform maps quantised points to Web Mercator world units (0–1 across
 *               the world), so the reader has nothing to project
 *   numbers     unsigned LEB128 varints, in this order: each arc's number of points, each unit's
 *               number of rings, each ring's number of arcs; then zigzag varints: each ring's
 *               arc references as differences from the one before, and each point as
 *               differences from the one before (TopoJSON's own delta encoding)
 * Small differences take a byte each, so the body is about a third of the TopoJSON's.
 */
import { shapesOf, worldX, worldY, type MapShapes, type PackedShapes } from './map-shapes';

const MAGIC = 'XSB2';

interface Header {
	bbox: [number, number, number, number];
	transform: { scale: [number, number]; translate: [number, number] };
	codes: string[];
	names: string[];
	arcs: number;
	points: number;
	rings: number;
	refs: number;
}

/** A growing buffer of varints. */
class Writer {
	bytes = new Uint8Array(1 << 16);
	length = 0;

	unsigned(value: number): void {
		if (this.length + 5 > this.bytes.length) {
			const grown = new Uint8Array(this.bytes.length * 2);
			grown.set(this.bytes);
			this.bytes = grown;
		}
		let v = value >>> 0;
		while (v >= 0x80) {
			this.bytes[this.length++] = (v & 0x7f) | 0x80;
			v >>>= 7;
		}
		this.bytes[this.length++] = v;
	}

	signed(value: number): void {
		this.unsigned((value << 1) ^ (value >> 31));
	}
}

/**
 * The same shapes quantised in Web Mercator world units, on a grid half as fine as the degree
 * grid (so a point moves by at most three quarters of the original step). Each arc is stored
 * once, so the borders two units share stay identical.
 */
function inMercator(shapes: PackedShapes): PackedShapes {
	if (shapes.mercator) return shapes;
	const { arcStart, deltas } = shapes;
	const [sx, sy] = shapes.transform.scale;
	const [tx, ty] = shapes.transform.translate;
	const [west, , , north] = shapes.bbox;
	const step = Math.min(sx, sy) / 720 || 1e-9;
	const [ox, oy] = [worldX(west), worldY(north)];
	const out = new Int32Array(deltas.length);
	for (let k = 0; k < arcStart.length - 1; k++) {
		let [x, y, qx, qy] = [0, 0, 0, 0];
		for (let p = arcStart[k]; p < arcStart[k + 1]; p++) {
			x += deltas[2 * p];
			y += deltas[2 * p + 1];
			const nx = Math.round((worldX(x * sx + tx) - ox) / step);
			const ny = Math.round((worldY(y * sy + ty) - oy) / step);
			out[2 * p] = nx - qx;
			out[2 * p + 1] = ny - qy;
			[qx, qy] = [nx, ny];
		}
	}
	return {
		...shapes,
		transform: { scale: [step, step], translate: [ox, oy] },
		mercator: true,
		deltas: out
	};
}

export function encodeShapes(
	packed: PackedShapes,
	extra: Record<string, unknown> = {}
): Uint8Array {
	const shapes = inMercator(packed);
	const { arcStart, deltas, ringArcs, ringStart, unitRings, codes } = shapes;
	const header: Header & Record<string, unknown> = {
		...extra,
		bbox: shapes.bbox,
		transform: shapes.transform,
		codes,
		names: shapes.names,
		arcs: arcStart.length - 1,
		points: deltas.length / 2,
		rings: ringStart.length - 1,
		refs: ringArcs.length
	};
	const out = new Writer();
	for (let k = 0; k < header.arcs; k++) out.unsigned(arcStart[k + 1] - arcStart[k]);
	for (let u = 0; u < codes.length; u++) out.unsigned(unitRings[u + 1] - unitRings[u]);
	for (let r = 0; r < header.rings; r++) out.unsigned(ringStart[r + 1] - ringStart[r]);
	let previous = 0;
	for (const ref of ringArcs) {
		out.signed(ref - previous);
		previous = ref;
	}
	for (const d of deltas) out.signed(d);
	const json = new TextEncoder().encode(JSON.stringify(header));
	const bytes = new Uint8Array(8 + json.length + out.length);
	bytes.set(new TextEncoder().encode(MAGIC), 0);
	new DataView(bytes.buffer).setUint32(4, json.length, true);
	bytes.set(json, 8);
	bytes.set(out.bytes.subarray(0, out.length), 8 + json.length);
	return bytes;
}

/**
 * Reads `out.length` varints from `bytes` at `at` into `out` (zigzag-decoded when `signed`);
 * returns where they end. One loop, no calls: it runs once per page, before the JIT warms up.
 */
function readVarints(
	bytes: Uint8Array,
	at: number,
	out: Int32Array | Uint32Array,
	signed: boolean
): number {
	const end = bytes.length;
	for (let i = 0; i < out.length; i++) {
		if (at >= end) throw new Error('The binary shapes are cut short');
		let byte = bytes[at++];
		let value = byte & 0x7f;
		for (let shift = 7; byte & 0x80; shift += 7) {
			if (at >= end) throw new Error('The binary shapes are cut short');
			byte = bytes[at++];
			value |= (byte & 0x7f) << shift;
		}
		out[i] = signed ? (value >>> 1) ^ -(value & 1) : value;
	}
	return at;
}

/** Reads what {@link encodeShapes} wrote. */
export function decodeShapes(buffer: ArrayBuffer): PackedShapes & Record<string, unknown> {
	const bytes = new Uint8Array(buffer);
	if (bytes.length < 8 || new TextDecoder().decode(bytes.subarray(0, 4)) !== MAGIC)
		throw new Error('Not the binary shapes of the geometry endpoint');
	const length = new DataView(buffer).getUint32(4, true);
	const { arcs, points, rings, refs, ...rest } = JSON.parse(
		new TextDecoder().decode(bytes.subarray(8, 8 + length))
	) as Header & Record<string, unknown>;
	const units = rest.codes.length;
	const arcStart = new Uint32Array(arcs + 1);
	const unitRings = new Uint32Array(units + 1);
	const ringStart = new Uint32Array(rings + 1);
	const ringArcs = new Int32Array(refs);
	const deltas = new Int32Array(2 * points);
	let at = 8 + length;
	// Counts into the offset arrays (then summed up), references and points as they were written.
	at = readVarints(bytes, at, arcStart.subarray(1), false);
	at = readVarints(bytes, at, unitRings.subarray(1), false);
	at = readVarints(bytes, at, ringStart.subarray(1), false);
	at = readVarints(bytes, at, ringArcs, true);
	readVarints(bytes, at, deltas, true);
	for (const offsets of [arcStart, unitRings, ringStart])
		for (let i = 1; i < offsets.length; i++) offsets[i] += offsets[i - 1];
	for (let i = 1; i < refs; i++) ringArcs[i] += ringArcs[i - 1];
	if (arcStart[arcs] !== points || ringStart[rings] !== refs || unitRings[units] !== rings)
		throw new Error('The binary shapes do not add up');
	return { ...rest, mercator: true, arcStart, ringArcs, ringStart, unitRings, deltas };
}

/** Fetches the binary shapes at `url` (the geometry endpoint) and reads them, ready to draw. */
export async function readShapes(url: string): Promise<MapShapes> {
	const response = await fetch(url, { priority: 'high' } as RequestInit);
	if (!response.ok) throw new Error(`${url}: HTTP ${response.status}`);
	return shapesOf(decodeShapes(await response.arrayBuffer()));
}
