import { describe, expect, it } from 'vitest';
import { toTopology } from './topology';
import { packTopology, shapesOf, type UnitsTopology } from './map-shapes';
import { decodeShapes, encodeShapes } from './shapes-binary';
import { testUnits as units } from './test-units';

const topology = toTopology(units, 3) as unknown as UnitsTopology;
const toBuffer = (bytes: Uint8Array) =>
	bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer;

describe('binary shapes', () => {
	const packed = packTopology(topology);
	const bytes = encodeShapes(packed, { level: 'commune', at: '2025-07-01' });
	const decoded = decodeShapes(toBuffer(bytes));

	it('carries the units, their rings and arcs exactly, and what the caller adds', () => {
		expect(decoded.codes).toEqual(['A', 'B', 'C', 'D']);
		expect(decoded.names).toEqual(units.map((u) => u.name));
		expect(decoded).toMatchObject({ level: 'commune', at: '2025-07-01', mercator: true });
		for (const key of ['arcStart', 'ringArcs', 'ringStart', 'unitRings'] as const)
			expect([...decoded[key]]).toEqual([...packed[key]]);
		expect(decoded.bbox).toEqual(packed.bbox);
	});

	it('puts every point within a step of where the TopoJSON puts it', () => {
		const fromJson = shapesOf(packed);
		const fromBinary = shapesOf(decoded);
		expect(fromBinary.points.length).toBe(fromJson.points.length);
		// The degree step (0.001°) in world units, at the equator: the largest a step can be.
		const step = 0.001 / 360;
		let worst = 0;
		for (let i = 0; i < fromJson.points.length; i++)
			worst = Math.max(worst, Math.abs(fromBinary.points[i] - fromJson.points[i]));
		expect(worst).toBeGreaterThan(0);
		expect(worst).toBeLessThan(step);
		for (let i = 0; i < fromJson.boxes.length; i++)
			expect(Math.abs(fromBinary.boxes[i] - fromJson.boxes[i])).toBeLessThan(step);
	});

	it('is smaller than the TopoJSON it comes from', () => {
		expect(bytes.length).toBeLessThan(JSON.stringify(topology).length);
	});

	it('refuses what it did not write, and what was cut short', () => {
		expect(() => decodeShapes(toBuffer(new TextEncoder().encode('{"type":"Topology"}')))).toThrow(
			/Not the binary shapes/
		);
		expect(() => decodeShapes(toBuffer(bytes.subarray(0, bytes.length - 3)))).toThrow(/cut short/);
	});
});
