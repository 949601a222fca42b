/**
 * The demo model's fixed facts about the province (capital, densities, the seasons, the list
 * revisions, single communes' published stories) and each base commune's seeded parameters:
 * size, remoteness and capacity decide its volume, lateness and adoption curves (demo-model.ts).
 */
import { MEASURE_INDEX } from '../../domain/measures.ts';
import { clamp, largestRemainder, Rand, type Curve } from './demo-random.ts';
import type { Capacity } from './demo-capacity.ts';
import type { DemoCommune } from './demo-model.ts';

/** Provincial capital (Lai Châu city); distance from it stands for remoteness. */
const CAPITAL = { lon: 103.45, lat: 22.4 };
const DENSITY: Record<string, number> = { Phường: 12, 'Thị trấn': 5 };
/** Dossier volume by month of year: Tết in February, year-end rush in December. */
export const SEASON = [1.05, 0.72, 1.0, 1.0, 1.02, 0.98, 0.97, 1.0, 1.03, 1.05, 1.06, 1.12];
/** Months (index from 2021-01) when the province revised its lists of procedures. */
export const REVISIONS = [6, 15, 24, 32, 41, 50, 60, 69];
/** Published facts about single communes (PRODUCT.md): Mường Than's one-stop shop and computers. */
export const STORIES: Record<string, { oneStop?: number; upgrade?: number }> = {
	'03619': { oneStop: 7, upgrade: 16 }
};

export const urbanity = (type: string) => (type === 'Phường' ? 2 : type === 'Thị trấn' ? 1 : 0);
export const unitKey = (u: DemoCommune) => `${u.code}@${u.validFrom ?? ''}`;

/** 0 (the capital) … 1 (far and large): distance in km from the capital, and area. */
export function remoteness(u: DemoCommune): number {
	if (u.lon === null || u.lat === null) return 0.5;
	const dx = (u.lon - CAPITAL.lon) * 111.32 * Math.cos((CAPITAL.lat * Math.PI) / 180);
	const dy = (u.lat - CAPITAL.lat) * 110.57;
	const area = clamp(((u.areaKm2 ?? 60) - 30) / 250, 0, 1);
	return clamp((0.7 * Math.hypot(dx, dy)) / 100 + 0.3 * area, 0, 1);
}

/**
 * Population (in the successor's reference year) of communes that have none: each successor's
 * official figure is split among its predecessors by area^0.6 × density (wards and towns denser).
 */
export function distributePopulation(communes: DemoCommune[]): Map<number, number> {
	const byId = new Map(communes.map((c) => [c.id, c]));
	const out = new Map<number, number>();
	for (const c of communes) if (c.population !== null) out.set(c.id, c.population);
	for (const s of communes) {
		if (s.population === null) continue;
		const preds = s.predecessors.map((id) => byId.get(id)).filter((p) => p && !out.has(p.id));
		const list = preds as DemoCommune[];
		const weights = list.map((p) => (DENSITY[p.type] ?? 1) * Math.pow(p.areaKm2 ?? 50, 0.6));
		largestRemainder(weights, s.population).forEach((n, i) => out.set(list[i].id, n));
	}
	for (const c of communes) {
		if (!out.has(c.id)) out.set(c.id, Math.round((c.areaKm2 ?? 60) * 45 * (DENSITY[c.type] ?? 1)));
	}
	return out;
}

// ---------------------------------------------------------------- one commune

export const M = MEASURE_INDEX;
/** Stocks that are the commune's own rather than the sum of its predecessors'. */
export const OWN = new Set([M.one_stop_shop_standard]);

export interface Params {
	remote: number;
	urban: number;
	capacity: Capacity;
	growth: number;
	/** Dossiers a month per 1,000 residents, before calibration. */
	volume: number;
	clearance: number;
	/** Lateness of a commune at full capacity, and how much more a struggling one is late. */
	lateBase: number;
	lateSpread: number;
	overdueBase: number;
	feeShare: number;
	/** Satisfaction above or below what the commune's capacity gives. */
	satOffset: number;
	publishedFrom: number;
	publishedPace: number;
	/** Share of procedures published in the end at full capacity. */
	publishedTop: number;
	/** `cap` of these curves is reached at full capacity; less capacity, a lower ceiling. */
	online: Curve;
	digit: Curve;
	pay: Curve;
	survey: Curve;
	train: Curve;
}

/** Ceilings of the adoption curves at zero capacity (their `cap` is at full capacity). */
export const LOW = { online: 0.06, digit: 0.08, pay: 0.02 };

/** The curve's ceiling at capacity `c`. */
export const reach = (curve: Curve, low: number, c: number): Curve => ({
	...curve,
	cap: low + (curve.cap - low) * c
});

/** `quality` of the district, 0…1; 1 is the best performer (Than Uyên, first in 2021). */
export function paramsFor(
	seed: number,
	u: DemoCommune,
	quality: number,
	capacity: Capacity
): Params {
	const r = new Rand(seed, `${unitKey(u)}|params`);
	const remote = remoteness(u);
	const urban = urbanity(u.type);
	const late = r.between(0, 1);
	const spread = 0.27 * Math.exp(0.25 * r.normal());
	return {
		remote,
		urban,
		capacity,
		growth: r.between(0.006, 0.015),
		volume:
			14 *
			[1, 1.3, 1.5][urban] *
			Math.pow((u.areaKm2 ?? 60) / 60, 0.12) *
			Math.exp(0.15 * r.normal()),
		clearance: r.between(0.86, 0.95),
		// Than Uyên's lateness only weighs where its calibrated late dossiers fall (buildDemo).
		lateBase: quality >= 1 ? 0.0008 + 0.0012 * late : 0.002 + 0.006 * late,
		lateSpread: quality >= 1 ? 0 : spread,
		overdueBase: r.between(0, 0.12) * (1 - 0.7 * quality),
		feeShare: r.between(0.18, 0.35),
		satOffset: r.between(-0.03, 0.03),
		publishedFrom: r.between(0.6, 0.9),
		publishedPace: 1 / (3 + 3 * remote),
		publishedTop: r.between(0.97, 1.03),
		online: {
			floor: r.between(0.01, 0.05),
			cap: clamp(0.8 + 0.15 * r.u() + 0.03 * urban - 0.1 * remote, 0.5, 0.95),
			mid: 2023 + 1.8 * remote - 0.15 * urban - 0.3 * quality + r.between(-0.2, 0.2),
			width: 0.45 + 0.45 * remote
		},
		digit: {
			floor: r.between(0.03, 0.1),
			cap: r.between(0.85, 0.98),
			mid: 2022.9 + 0.9 * remote + r.between(-0.2, 0.2),
			width: 0.5
		},
		pay: {
			floor: r.between(0, 0.02),
			cap: r.between(0.7, 0.95),
			mid: 2023.5 + 1.2 * remote,
			width: 0.5 + 0.4 * remote
		},
		survey: {
			floor: r.between(0.03, 0.08),
			cap: r.between(0.25, 0.5),
			mid: 2023 + 0.5 * remote,
			width: 0.6
		},
		train: {
			floor: r.between(0.1, 0.3),
			cap: r.between(0.9, 1),
			mid: 2022.8 + 0.8 * remote,
			width: 0.6
		}
	};
}
