/**
 * One base commune of the demo model (a commune with no predecessor), simulated month by month
 * from 2021-01 with its seeded parameters (demo-params.ts); each random quantity has its own
 * stream, so extending the months never changes earlier ones (demo-model.ts).
 */
import { MEASURE_CODES, type MeasureCode } from '../../domain/measures.ts';
import { clamp, Rand, sCurve } from './demo-random.ts';
import { capacityAt, type Capacity } from './demo-capacity.ts';
import type { DemoCommune } from './demo-model.ts';
import {
	LOW,
	M,
	paramsFor,
	reach,
	REVISIONS,
	SEASON,
	STORIES,
	unitKey,
	type Params
} from './demo-params.ts';

const yearOf = (i: number) => 2021 + Math.floor(i / 12);
const timeOf = (i: number) => 2021 + (i + 0.5) / 12;
/** Province-wide reform progress, 0 → 1 around 2023. */
const progress = (t: number) => 1 / (1 + Math.exp(-(t - 2023) / 0.8));

export class BaseCommune {
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
