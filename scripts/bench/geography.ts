/**
 * The units of the national scenario from `vietnam-communes.topojson`: provinces, districts and
 * communes with their GSO codes (communes whose polygon has no current code are left out), each
 * commune with its GeoJSON geometry (topojson-client `feature`, coordinates rounded to 5
 * decimals as the boundary import does), provinces with the `provinces` object's shapes.
 * Districts get no geometry: the bench draws communes only.
 */
import { readFileSync } from 'node:fs';
import { feature } from 'topojson-client';
import type { Topology, GeometryCollection } from 'topojson-specification';
import { geoArea, geoCentroid } from 'd3-geo';
import type { Feature, Geometry, MultiPolygon, Polygon } from 'geojson';

export type Level = 'province' | 'district' | 'commune';

export interface BenchUnit {
	code: string;
	name: string;
	shortName: string;
	type: string;
	level: Level;
	parentCode: string | null;
	lon: number | null;
	lat: number | null;
	areaKm2: number | null;
	geometry: Polygon | MultiPolygon | null;
}

const PREFIXES: Record<Level, string[]> = {
	commune: ['Thị trấn', 'Phường', 'Xã'],
	district: ['Thành phố', 'Thị xã', 'Huyện', 'Quận'],
	province: ['Thành phố', 'Tỉnh']
};

/** "Thị trấn An Phú" → type "Thị trấn", short name "An Phú". */
function split(name: string, level: Level): { type: string; shortName: string } {
	const prefix = PREFIXES[level].find((p) => name.startsWith(p + ' '));
	return prefix
		? { type: prefix, shortName: name.slice(prefix.length + 1) }
		: { type: level, shortName: name };
}

const R_KM = 6371.0088;

function round(g: Polygon | MultiPolygon): Polygon | MultiPolygon {
	const r = (p: number[]) => [Math.round(p[0] * 1e5) / 1e5, Math.round(p[1] * 1e5) / 1e5];
	return g.type === 'Polygon'
		? { type: 'Polygon', coordinates: g.coordinates.map((ring) => ring.map(r)) }
		: {
				type: 'MultiPolygon',
				coordinates: g.coordinates.map((poly) => poly.map((ring) => ring.map(r)))
			};
}

function measure(f: Feature<Geometry>): { lon: number; lat: number; areaKm2: number } {
	let sr = geoArea(f);
	// A ring wound the other way round covers the rest of the sphere.
	if (sr > 2 * Math.PI) sr = 4 * Math.PI - sr;
	const [lon, lat] = geoCentroid(f);
	return {
		lon: Math.round(lon * 1e5) / 1e5,
		lat: Math.round(lat * 1e5) / 1e5,
		areaKm2: sr * R_KM * R_KM
	};
}

interface CommuneProps {
	code: string | null;
	name?: string;
	district_code?: string;
	district_name?: string;
	province_code: string;
	province_name: string;
}

/** Reads the topology and returns units, parents before children, ordered by code. */
export function readNationalUnits(file: string, provinces: string[] | null): BenchUnit[] {
	const topology = JSON.parse(readFileSync(file, 'utf8')) as Topology;
	const communesObject = topology.objects.communes as GeometryCollection<CommuneProps>;
	const keep = (p: string) => provinces === null || provinces.includes(p);
	const provinceUnits = new Map<string, BenchUnit>();
	const districtUnits = new Map<string, BenchUnit>();
	const communeUnits: BenchUnit[] = [];
	for (const g of communesObject.geometries) {
		const p = g.properties as CommuneProps;
		if (!p.code || !keep(p.province_code)) continue;
		if (!provinceUnits.has(p.province_code))
			provinceUnits.set(p.province_code, {
				code: p.province_code,
				name: p.province_name,
				...split(p.province_name, 'province'),
				level: 'province',
				parentCode: null,
				lon: null,
				lat: null,
				areaKm2: null,
				geometry: null
			});
		if (!districtUnits.has(p.district_code!))
			districtUnits.set(p.district_code!, {
				code: p.district_code!,
				name: p.district_name!,
				...split(p.district_name!, 'district'),
				level: 'district',
				parentCode: p.province_code,
				lon: null,
				lat: null,
				areaKm2: null,
				geometry: null
			});
		const f = feature(topology, g) as Feature<Polygon | MultiPolygon>;
		communeUnits.push({
			code: p.code,
			name: p.name!,
			...split(p.name!, 'commune'),
			level: 'commune',
			parentCode: p.district_code!,
			...measure(f),
			geometry: round(f.geometry)
		});
	}
	const provinceShapes = topology.objects.provinces as GeometryCollection<{
		province_code: string;
	}>;
	for (const g of provinceShapes.geometries) {
		const unit = provinceUnits.get((g.properties as { province_code: string }).province_code);
		if (!unit) continue;
		const f = feature(topology, g) as Feature<Polygon | MultiPolygon>;
		Object.assign(unit, measure(f), { geometry: round(f.geometry) });
	}
	const byCode = (a: BenchUnit, b: BenchUnit) => a.code.localeCompare(b.code);
	return [
		...[...provinceUnits.values()].sort(byCode),
		...[...districtUnits.values()].sort(byCode),
		...communeUnits.sort(byCode)
	];
}
