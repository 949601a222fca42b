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
import { MEASURE_CODES, MEASURE_INDEX, type MeasureCode } from '../../domain/measures.ts';
import { firstDay, monthIndex, monthsBetween } from '../../domain/periods.ts';
import { clamp, Rand, sCurve, largestRemainder, type Curve } from './demo-random.ts';
import { capacityAt, capacityFor, dealShares, type Capacity } from './demo-capacity.ts';
import { reportingLag, unreportedMonths } from './demo-reporting.ts';
export { hashKey, mulberry32, sCurve, largestRemainder } from './demo-random.ts';

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

/** Provincial capital (Lai Châu city); distance from it stands for remoteness. */
const CAPITAL = { lon: 103.45, lat: 22.4 };
const DENSITY: Record<string, number> = { Phường: 12, 'Thị trấn': 5 };
/** Dossier volume by month of year: Tết in February, year-end rush in December. */
const SEASON = [1.05, 0.72, 1.0, 1.0, 1.02, 0.98, 0.97, 1.0, 1.03, 1.05, 1.06, 1.12];
/** Months (index from 2021-01) when the province revised its lists of procedures. */
const REVISIONS = [6, 15, 24, 32, 41, 50, 60, 69];
/** Published facts about single communes (PRODUCT.md): Mường Than's one-stop shop and computers. */
const STORIES: Record<string, { oneStop?: number; upgrade?: number }> = {
	'03619': { oneStop: 7, upgrade: 16 }
};

const urbanity = (type: string) => (type === 'Phường' ? 2 : type === 'Thị trấn' ? 1 : 0);
const unitKey = (u: DemoCommune) => `${u.code}@${u.validFrom ?? ''}`;

/** 0 (the capital) … 1 (far and large): distance in km from the capital, and area. */
function remoteness(u: DemoCommune): number {
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

const M = MEASURE_INDEX;
/** Stocks that are the commune's own rather than the sum of its predecessors'. */
const OWN = new Set([M.one_stop_shop_standard]);

interface Params {
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
const LOW = { online: 0.06, digit: 0.08, pay: 0.02 };

/** The curve's ceiling at capacity `c`. */
const reach = (curve: Curve, low: number, c: number): Curve => ({
	...curve,
	cap: low + (curve.cap - low) * c
});

/** `quality` of the district, 0…1; 1 is the best performer (Than Uyên, first in 2021). */
function paramsFor(seed: number, u: DemoCommune, quality: number, capacity: Capacity): Params {
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

const yearOf = (i: number) => 2021 + Math.floor(i / 12);
const timeOf = (i: number) => 2021 + (i + 0.5) / 12;
/** Province-wide reform progress, 0 → 1 around 2023. */
const progress = (t: number) => 1 / (1 + Math.exp(-(t - 2023) / 0.8));

class BaseCommune {
	readonly p: Params;
	readonly pop: number[];
	/** Expected dossiers received per month, before calibration. */
	readonly intensity: number[];
	readonly series: number[][];
	/** Expected late resolutions per month: weights for the on-time calibration. */
	readonly expectedLate: number[];

	constructor(
		private seed: number,
		readonly unit: DemoCommune,
		private pop2025: number,
		quality: number,
		capacity: Capacity,
		n: number
	) {
		this.p = paramsFor(seed, unit, quality, capacity);
		const noise = this.stream('received');
		this.pop = Array.from({ length: n }, (_, i) =>
			Math.round(pop2025 * Math.pow(1 + this.p.growth, yearOf(i) - 2025))
		);
		this.intensity = this.pop.map(
			(pop, i) =>
				(pop / 1000) *
				this.p.volume *
				SEASON[i % 12] *
				(1 + 0.04 * (timeOf(i) - 2021)) *
				Math.exp(0.1 * noise.normal() - 0.005)
		);
		this.series = MEASURE_CODES.map(() => new Array<number>(n).fill(0));
		this.expectedLate = new Array<number>(n).fill(0);
	}

	private stream(name: string): Rand {
		return new Rand(this.seed, `${unitKey(this.unit)}|${name}`);
	}

	/** Fills every measure, month by month, from the (calibrated) dossiers received. */
	simulate(received: number[]): void {
		const { p, unit, series } = this;
		const set = (code: MeasureCode, i: number, v: number) => (series[M[code]][i] = v);
		const [
			online,
			digit,
			resolving,
			lateness,
			overdue,
			fees,
			paying,
			survey,
			satisfied,
			staffing,
			training
		] = [
			'online',
			'digitized',
			'resolved',
			'late',
			'overdue',
			'fees',
			'pay',
			'survey',
			'satisfied',
			'staff',
			'train'
		].map((name) => this.stream(name));
		const story = STORIES[unit.code] ?? {};
		const rs = this.stream('stocks');
		let staff = clamp(Math.round(13 + this.pop2025 / 1500 + p.urban + rs.between(0, 4)), 15, 30);
		let procedures = rs.int(100, 130);
		const revisions = REVISIONS.map((m) => [m, rs.int(-3, 6)]);
		let computers = Math.round(staff * rs.between(0.45, 0.8));
		const upgrades = [0, 1, 2].map(() => [rs.int(3, 71), rs.between(0.08, 0.25), rs.u()]);
		const steps = upgrades.filter((x, k) => k < 2 || x[2] < 0.4).map(([m, ratio]) => [m, ratio]);
		if (story.upgrade !== undefined) steps.push([story.upgrade, 0.2]);
		const rv = this.stream('villages');
		const villages = clamp(
			Math.round(3 + this.pop2025 / 1100 + (unit.areaKm2 ?? 60) / 60 + rv.between(-1.5, 1.5)),
			5,
			20
		);
		// Each village gets the month its 4G (fibre) arrives: already, with one of three projects, or never.
		const arrivals = (covered: number, never: number, from: number, to: number) => {
			const projects = [rv.int(from, to), rv.int(from, to), rv.int(from, to)];
			return Array.from({ length: villages }, () => {
				const [a, b, c] = [rv.u(), rv.u(), rv.int(0, 2)];
				return a < covered ? 0 : b < never ? Infinity : projects[c];
			});
		};
		const g4 = arrivals(
			clamp(0.92 - 0.55 * p.remote + rv.between(-0.05, 0.05), 0.2, 1),
			0.12 * p.remote,
			4,
			71
		);
		const fiber = arrivals(
			clamp(0.45 - 0.4 * p.remote + rv.between(-0.05, 0.05), 0, 0.8),
			0.15 + 0.3 * p.remote,
			12,
			80
		);
		// The one-stop shop reaches the standard once; a few remote communes never before 2025-07.
		const ro = this.stream('one-stop');
		const [roll, when] = [ro.u(), ro.u()];
		const never = p.urban === 0 && roll < 0.12 * p.remote;
		const years = clamp(3.8 * (0.45 * p.remote + 0.55 * when) - 0.6 * p.urban, 0, 4.4);
		const oneStopFrom = story.oneStop ?? (never ? Infinity : Math.round(years * 12));

		let pending = Math.round((received[0] * (1 - p.clearance)) / p.clearance);
		let trained = 0;
		for (let i = 0; i < received.length; i++) {
			const t = timeOf(i);
			const prog = progress(t);
			const c = capacityAt(p.capacity, t);
			const rec = received[i];
			set('dossiers_received', i, rec);
			set(
				'dossiers_received_online',
				i,
				online.binomial(rec, sCurve(reach(p.online, LOW.online, c), t))
			);
			set('dossiers_digitized', i, digit.binomial(rec, sCurve(reach(p.digit, LOW.digit, c), t)));
			const work = pending + rec;
			const resolved = resolving.binomial(work, p.clearance);
			pending = work - resolved;
			// A struggling commune is late with a fifth to a third of its dossiers; reform helps all.
			const lateBase = p.lateBase + p.lateSpread * Math.pow(1 - c, 2.5);
			const lateRate = Math.min(0.45, lateBase * (1.3 - 0.6 * prog));
			this.expectedLate[i] = resolved * lateRate;
			set('dossiers_resolved', i, resolved);
			set('dossiers_resolved_on_time', i, resolved - lateness.binomial(resolved, lateRate));
			set('dossiers_pending', i, pending);
			set(
				'dossiers_pending_overdue',
				i,
				overdue.binomial(pending, p.overdueBase * (1.2 - 0.8 * prog))
			);
			const feeBearing = fees.binomial(rec, p.feeShare);
			set('payments_total', i, feeBearing);
			set('payments_online', i, paying.binomial(feeBearing, sCurve(reach(p.pay, LOW.pay, c), t)));
			const responses = survey.binomial(resolved, sCurve(p.survey, t));
			set('survey_responses', i, responses);
			set(
				'survey_satisfied',
				i,
				satisfied.binomial(responses, clamp(0.7 + 0.26 * c + p.satOffset + 0.03 * prog, 0.6, 0.99))
			);

			for (const [m, d] of revisions) if (m === i) procedures = clamp(procedures + d, 100, 140);
			// Boards are brought up to date each quarter, as far as the commune manages.
			const top = clamp(p.publishedTop * (0.42 + 0.58 * c), 0.35, 1);
			const from = Math.min(p.publishedFrom, top);
			const shown = top - (top - from) * Math.exp(-Math.floor(i / 3) * p.publishedPace);
			set('procedures_total', i, procedures);
			set('procedures_published', i, shown > 0.985 ? procedures : Math.floor(procedures * shown));
			const [change, up] = [staffing.u(), staffing.u()];
			if (change < 0.035) staff = clamp(staff + (up < 0.5 ? -1 : 1), 15, 30);
			if (training.u() < 0.12 || i === 0)
				trained = Math.max(trained, Math.round(staff * sCurve(p.train, t)));
			trained = Math.min(trained, staff);
			for (const [m, ratio] of steps)
				if (m === i) computers += Math.max(1, Math.round(staff * ratio));
			set('staff_total', i, staff);
			set('staff_digital_trained', i, trained);
			set('computers', i, computers);
			set('villages_total', i, villages);
			set('villages_4g', i, g4.filter((a) => a <= i).length);
			set('villages_fiber', i, fiber.filter((a) => a <= i).length);
			set('one_stop_shop_standard', i, i >= oneStopFrom ? 1 : 0);
			set('population', i, this.pop[i]);
		}
	}
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
