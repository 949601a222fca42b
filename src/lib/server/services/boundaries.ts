/**
 * Attaches boundary geometry to units by code. Boundary files are read from BOUNDARIES_DIR (default
 * ../shared/data) or imported by a user; their licences forbid redistribution, so they are never
 * part of the project. Units left without geometry get schematic cells (see schematic.ts).
 */
import { existsSync, readFileSync } from 'node:fs';
import { basename, resolve } from 'node:path';
import type { Executor } from '../db/index.ts';
import { setGeometryByCode } from '../queries/unit-writes.ts';

export const boundariesDir = resolve(process.env.BOUNDARIES_DIR ?? '../shared/data');

type Position = number[];
type PolygonCoords = Position[][];
export type AreaGeometry =
	| { type: 'Polygon'; coordinates: PolygonCoords }
	| { type: 'MultiPolygon'; coordinates: PolygonCoords[] };

export class BoundaryFileError extends Error {}

export interface AttachOptions {
	codeField?: string;
	/** Codes are resolved to the unit that bore them on this date (YYYY-MM-DD). */
	at: string;
	level?: 'province' | 'district' | 'commune';
	/** Short source key stored with the geometry, shown as attribution. */
	source: string;
}

export interface AttachResult {
	features: number;
	matched: number;
	/** Codes in the file with no unit at that date. */
	unmatched: string[];
}

/** Rounds coordinates to 5 decimals (about 1 m): more is noise and bytes on a slow connection. */
function roundGeometry(g: AreaGeometry): AreaGeometry {
	const r = (p: Position) => [Math.round(p[0] * 1e5) / 1e5, Math.round(p[1] * 1e5) / 1e5];
	const ring = (rs: Position[][]) => rs.map((x) => x.map(r));
	return g.type === 'Polygon'
		? { type: 'Polygon', coordinates: ring(g.coordinates) }
		: { type: 'MultiPolygon', coordinates: g.coordinates.map(ring) };
}

/** Reads and checks a GeoJSON FeatureCollection of polygons; errors say what and where. */
export function readBoundaryFile(
	file: string,
	codeField = 'code'
): { code: string; geometry: AreaGeometry }[] {
	let data: unknown;
	try {
		data = JSON.parse(readFileSync(file, 'utf8'));
	} catch (error) {
		throw new BoundaryFileError(`${file}: not readable JSON (${(error as Error).message})`);
	}
	const fc = data as { type?: string; features?: unknown[] };
	if (fc?.type !== 'FeatureCollection' || !Array.isArray(fc.features))
		throw new BoundaryFileError(`${file}: expected a GeoJSON FeatureCollection`);
	return fc.features.map((f, i) => {
		const feature = f as { properties?: Record<string, unknown>; geometry?: AreaGeometry };
		const raw = feature.properties?.[codeField];
		if (raw === undefined || raw === null || raw === '')
			throw new BoundaryFileError(`${file}: feature ${i + 1} has no "${codeField}" property`);
		const type = feature.geometry?.type;
		if (type !== 'Polygon' && type !== 'MultiPolygon')
			throw new BoundaryFileError(
				`${file}: feature ${i + 1} (${String(raw)}) has geometry ${type ?? 'none'}; expected Polygon or MultiPolygon`
			);
		return { code: String(raw), geometry: roundGeometry(feature.geometry as AreaGeometry) };
	});
}

/** Attaches each feature's geometry to the unit bearing its code on `at`. */
export async function attachBoundaries(
	tx: Executor,
	features: { code: string; geometry: AreaGeometry }[],
	options: AttachOptions
): Promise<AttachResult> {
	const unmatched: string[] = [];
	let matched = 0;
	for (const f of features) {
		const n = await setGeometryByCode(tx, f.code, f.geometry, options);
		if (n > 0) matched++;
		else unmatched.push(f.code);
	}
	return { features: features.length, matched, unmatched };
}

/** The shared Lai Châu files, each with the date its codes belong to and its attribution key. */
export const SHARED_BOUNDARY_FILES = [
	{ file: 'laichau-communes.geojson', at: '2025-06-30', level: 'commune', source: 'gadm' },
	{ file: 'laichau-districts.geojson', at: '2025-06-30', level: 'district', source: 'gadm' },
	{ file: 'laichau-communes-2025.geojson', at: '2025-07-01', level: 'commune', source: 'gisvn' }
] as const;

/** Attaches whichever shared boundary files exist in `dir`; returns the files used. */
export async function attachSharedBoundaries(tx: Executor, dir = boundariesDir): Promise<string[]> {
	const used: string[] = [];
	for (const spec of SHARED_BOUNDARY_FILES) {
		const path = resolve(dir, spec.file);
		if (!existsSync(path)) continue;
		await attachBoundaries(tx, readBoundaryFile(path), spec);
		used.push(basename(path));
	}
	return used;
}
