/**
 * The demo-figure model: pure and seeded (no I/O, no Math.random). Every commune that has no
 * predecessor gets parameters from its type, size and remoteness and is simulated month by month
 * from 2021-01, also past its end (virtually); a commune formed by a merger is the sum of its
 * predecessors' simulations, so series run on across the 2025-07 reorganisation. Each random
 * quantity has its own stream (seed + commune + measure) drawing a fixed number of values per
 * month, so extending `until` never changes earlier months (only a late reporter's last months
 * arrive). A commune's capacity (demo-capacity.ts) sets how far it gets, so the map shows every
 * band; which months it reports is demo-reporting.ts. Counts are calibrated to the published
 * Than Uyên 2022 figures (PRODUCT.md) after missing unit-months are decided.
 */
import { MEASURE_CODES } from '../../domain/measures.ts';
import { firstDay, monthIndex, monthsBetween } from '../../domain/periods.ts';
import { clamp, Rand, largestRemainder } from './demo-random.ts';
import { capacityAt, capacityFor, dealShares } from './demo-capacity.ts';
import { reportingLag, unreportedMonths } from './demo-reporting.ts';
import { distributePopulation, M, OWN, remoteness, unitKey } from './demo-params.ts';
import { BaseCommune } from './demo-commune.ts';
export { hashKey, mulberry32, sCurve, largestRemainder } from './demo-random.ts';
export { distributePopulation } from './demo-params.ts';

export const DEMO_START = '2021-01';
export const DEFAULT_SEED = 20250701;
/** Published facts the figures reproduce: Than Uyên district (pre-2025 code 110) in 2022. */
export const CALIBRATION = { districtCode: '110', year: 2022, received: 12122, onTimeRate: 0.999 };

export interface DemoCommune {
	id: number;
	code: string;
	/** 'Phường', 'Thị trấn' or 'Xã'. */
	type: string;
	districtCode: string | null;
	/** `YYYY-MM-DD` or null (open). */
	validFrom: string | null;
	validTo: string | null;
	areaKm2: number | null;
	population: number | null;
	lon: number | null;
	lat: number | null;
	/** Ids of the communes this one was formed from (lineage). */
	predecessors: number[];
}

/** One reported unit-month; `values` is aligned with MEASURE_CODES. */
export interface DemoRow {
	unitId: number;
	month: string;
	values: number[];
}

// ---------------------------------------------------------------- the whole province

/**
 * Builds the demo figures of every commune for every month from 2021-01 to `until` in which it
 * is valid and reports (≈2% of unit-months are left unreported: no rows at all; a few late
 * reporters have not sent their last month or two before `until`).
 */
export function buildDemo(
	input: DemoCommune[],
	options: { seed: number; until: string }
): DemoRow[] {
	const { seed, until } = options;
	const communes = [...input].sort((a, b) => (unitKey(a) < unitKey(b) ? -1 : 1));
	const byId = new Map(communes.map((c) => [c.id, c]));
	const start = monthIndex(DEMO_START);
	// Simulate at least through the calibration year, so that it never depends on `until`.
	const months = monthsBetween(DEMO_START, until < '2022-12' ? '2022-12' : until);
	const emitted = monthIndex(until) - start + 1;
	const n = months.length;
	const valid = (u: DemoCommune, i: number) => {
		const day = firstDay(months[i]);
		return (u.validFrom === null || day >= u.validFrom) && (u.validTo === null || day <= u.validTo);
	};
	const population = distributePopulation(communes);
	const isBase = (u: DemoCommune) => !u.predecessors.some((id) => byId.has(id));
	const baseUnits = communes.filter(isBase);
	const others = baseUnits
		.map((u) => u.districtCode ?? '')
		.filter((d) => d !== CALIBRATION.districtCode);
	const districtShares = dealShares(seed, 'district', others);
	const quality = (district: string | null) =>
		district === CALIBRATION.districtCode ? 1 : (districtShares.get(district ?? '') ?? 0.5);
	// Communes merged into the same one in 2025 share part of their capacity (demo-capacity.ts).
	const successor = new Map<number, DemoCommune>();
	for (const c of communes) for (const id of c.predecessors) if (id !== c.id) successor.set(id, c);
	const groupOf = (u: DemoCommune): string => {
		const next = successor.get(u.id);
		return next ? groupOf(next) : unitKey(u);
	};
	const groupShares = dealShares(seed, 'group', baseUnits.map(groupOf));
	const bases = new Map<number, BaseCommune>();
	for (const u of baseUnits) {
		const q = quality(u.districtCode);
		const group = { key: groupOf(u), share: groupShares.get(groupOf(u))! };
		const capacity = capacityFor(seed, unitKey(u), group, remoteness(u), q);
		bases.set(u.id, new BaseCommune(seed, u, population.get(u.id) ?? 0, q, capacity, n));
	}
	// A merged commune reports as well as its predecessors did on average.
	const reliability = (u: DemoCommune): number => {
		const base = bases.get(u.id);
		if (base) return capacityAt(base.p.capacity, 2024);
		const parts = u.predecessors.filter((id) => byId.has(id)).map((id) => byId.get(id)!);
		return parts.reduce((s, p) => s + reliability(p), 0) / Math.max(1, parts.length);
	};
	const missing = new Map<number, boolean[]>();
	const lag = new Map<number, number>();
	for (const u of communes) {
		const c = reliability(u);
		missing.set(u.id, unreportedMonths(seed, unitKey(u), remoteness(u), c, n));
		lag.set(u.id, reportingLag(seed, unitKey(u), c));
	}

	// Calibration cells: Than Uyên's reported unit-months of the calibration year.
	const first = (CALIBRATION.year - 2021) * 12;
	const cells: { b: BaseCommune; i: number }[] = [];
	for (const b of bases.values()) {
		if (b.unit.districtCode !== CALIBRATION.districtCode) continue;
		for (let i = first; i < first + 12; i++)
			if (valid(b.unit, i) && !missing.get(b.unit.id)![i]) cells.push({ b, i });
	}
	const expected = cells.reduce((s, c) => s + c.b.intensity[c.i], 0);
	const scale = expected > 0 ? CALIBRATION.received / expected : 1;
	const received = new Map(
		[...bases].map(([id, b]) => [id, b.intensity.map((x) => Math.round(x * scale))])
	);
	largestRemainder(
		cells.map((c) => c.b.intensity[c.i]),
		cells.length ? CALIBRATION.received : 0
	).forEach((v, k) => (received.get(cells[k].b.unit.id)![cells[k].i] = v));
	for (const [id, b] of bases) b.simulate(received.get(id)!);

	// On time: exactly round((1 − rate) × Σ resolved) late, spread where lateness was expected.
	const resolvedOf = (c: (typeof cells)[number]) => c.b.series[M.dossiers_resolved][c.i];
	const totalResolved = cells.reduce((s, c) => s + resolvedOf(c), 0);
	const lates = largestRemainder(
		cells.map((c) => c.b.expectedLate[c.i]),
		Math.round((1 - CALIBRATION.onTimeRate) * totalResolved),
		cells.map(resolvedOf)
	);
	cells.forEach(
		(c, k) => (c.b.series[M.dossiers_resolved_on_time][c.i] = resolvedOf(c) - lates[k])
	);

	// Merged communes: the sum of their predecessors, with a one-stop shop of their own.
	const memo = new Map<number, number[][]>();
	const seriesOf = (u: DemoCommune): number[][] => {
		const base = bases.get(u.id);
		if (base) return base.series;
		const known = memo.get(u.id);
		if (known) return known;
		const parts = u.predecessors.filter((id) => byId.has(id)).map((id) => seriesOf(byId.get(id)!));
		const series = MEASURE_CODES.map((_, m) =>
			months.map((_, i) => parts.reduce((s, x) => s + x[m][i], 0))
		);
		const from = u.validFrom ? clamp(monthIndex(u.validFrom) - start, 0, n) : 0;
		const before =
			from > 0 ? parts.reduce((s, x) => s + x[M.one_stop_shop_standard][from - 1], 0) : 0;
		const r = new Rand(seed, `${unitKey(u)}|one-stop`);
		const [a, b] = [r.u(), r.u()];
		const opens = a < before / parts.length ? from : from + 1 + Math.floor(b * 9);
		for (const m of OWN) series[m] = months.map((_, i) => (i >= opens ? 1 : 0));
		memo.set(u.id, series);
		return series;
	};

	const rows: DemoRow[] = [];
	for (const u of communes) {
		const gaps = missing.get(u.id)!;
		let series: number[][] | undefined;
		// A late reporter's latest months are not in yet.
		for (let i = 0; i < emitted - lag.get(u.id)!; i++) {
			if (!valid(u, i) || gaps[i]) continue;
			series ??= seriesOf(u);
			rows.push({ unitId: u.id, month: months[i], values: series.map((s) => s[i]) });
		}
	}
	return rows;
}
