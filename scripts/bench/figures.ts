/**
 * Synthetic monthly figures for every commune and every measure, reproducible from a seed: each
 * commune draws a profile (size, starting levels, trends) from a stream keyed by its index, each
 * commune-month draws its noise from a stream keyed by (index, month), so any month can be
 * generated alone and identically. Every part ≤ its whole (CONTRACT.md); nothing is blank.
 */
import { MEASURE_CODES, MEASURE_INDEX } from '../../src/lib/domain/measures.ts';
import { draws, mix, mulberry32 } from './prng.ts';

export const MEASURE_COUNT = MEASURE_CODES.length;
const at = MEASURE_INDEX;

interface Profile {
	population: number;
	dossierRate: number;
	uptake0: number;
	uptakeGain: number;
	onTime: number;
	digitized0: number;
	payShare: number;
	payOnline0: number;
	surveyShare: number;
	satisfied: number;
	procedures: number;
	published0: number;
	staff: number;
	trained0: number;
	computersPerStaff: number;
	villages: number;
	fourG0: number;
	fiber0: number;
	oneStopFrom: number;
}

const clamp01 = (x: number) => (x < 0 ? 0 : x > 1 ? 1 : x);

function profileOf(seed: number, index: number, urban: boolean): Profile {
	const d = draws(mulberry32(mix(seed, index)));
	const population = Math.round(
		Math.min(90_000, Math.max(1_200, Math.exp(d.normal(Math.log(urban ? 14_000 : 8_000), 0.55))))
	);
	return {
		population,
		dossierRate: d.uniform(0.006, 0.02),
		uptake0: d.uniform(0.03, urban ? 0.45 : 0.3),
		uptakeGain: d.uniform(0.15, 0.5),
		onTime: d.uniform(0.82, 1),
		digitized0: d.uniform(0.1, 0.5),
		payShare: d.uniform(0.15, 0.45),
		payOnline0: d.uniform(0.05, 0.4),
		surveyShare: d.uniform(0.05, 0.4),
		satisfied: d.uniform(0.75, 0.99),
		procedures: d.int(95, 140),
		published0: d.uniform(0.7, 0.98),
		staff: d.int(14, 32),
		trained0: d.uniform(0.2, 0.7),
		computersPerStaff: d.uniform(0.5, 1.3),
		villages: d.int(3, 28),
		fourG0: d.uniform(0.5, 0.95),
		fiber0: d.uniform(0.1, 0.6),
		oneStopFrom: d.int(0, 80)
	};
}

/** The commune list the generator walks, in a fixed order (index = position). */
export interface GenCommune {
	code: string;
	urban: boolean;
}

/**
 * The figures of month `t` (0 = first month of the scenario, `calendarMonth` 1–12) for every
 * commune: a Float64Array of communes × measures, row-major in MEASURE_CODES order.
 */
export function monthFigures(
	seed: number,
	communes: readonly GenCommune[],
	t: number,
	calendarMonth: number,
	span: number
): Float64Array {
	const out = new Float64Array(communes.length * MEASURE_COUNT);
	const progress = span > 1 ? t / (span - 1) : 1;
	const season = 1 + 0.18 * Math.sin((2 * Math.PI * (calendarMonth - 2)) / 12);
	for (let i = 0; i < communes.length; i++) {
		const p = profileOf(seed, i, communes[i].urban);
		const d = draws(mulberry32(mix(seed, i, t + 1)));
		const row = i * MEASURE_COUNT;
		const set = (code: keyof typeof at, v: number) =>
			(out[row + at[code]] = Math.max(0, Math.round(v)));
		const received = Math.max(
			0,
			Math.round(p.population * p.dossierRate * season * d.normal(1, 0.12))
		);
		set('dossiers_received', received);
		set(
			'dossiers_received_online',
			received * clamp01(p.uptake0 + p.uptakeGain * progress + d.normal(0, 0.04))
		);
		const resolved = Math.round(received * d.uniform(0.85, 1.05));
		set('dossiers_resolved', resolved);
		set('dossiers_resolved_on_time', resolved * clamp01(p.onTime + d.normal(0, 0.03)));
		set(
			'dossiers_digitized',
			received * clamp01(p.digitized0 + 0.4 * progress + d.normal(0, 0.05))
		);
		const payments = Math.round(received * p.payShare);
		set('payments_total', payments);
		set('payments_online', payments * clamp01(p.payOnline0 + 0.45 * progress + d.normal(0, 0.05)));
		const responses = Math.round(resolved * p.surveyShare);
		set('survey_responses', responses);
		set('survey_satisfied', responses * clamp01(p.satisfied + d.normal(0, 0.03)));
		const pending = Math.round(received * d.uniform(0.04, 0.2));
		set('dossiers_pending', pending);
		set('dossiers_pending_overdue', pending * d.uniform(0, 0.12));
		set('procedures_total', p.procedures);
		set('procedures_published', p.procedures * clamp01(p.published0 + 0.25 * progress));
		set('staff_total', p.staff);
		set('staff_digital_trained', p.staff * clamp01(p.trained0 + 0.4 * progress));
		set('computers', p.staff * p.computersPerStaff);
		set('villages_total', p.villages);
		set('villages_4g', p.villages * clamp01(p.fourG0 + 0.3 * progress));
		set('villages_fiber', p.villages * clamp01(p.fiber0 + 0.5 * progress));
		set('one_stop_shop_standard', t >= p.oneStopFrom ? 1 : 0);
		set('population', p.population * (1 + 0.0008 * t));
	}
	return out;
}

/** A month's figures as the wide report file an editor would upload (CONTRACT.md). */
export function wideCsv(
	communes: readonly GenCommune[],
	month: string,
	figures: Float64Array
): string {
	const lines = [`unit_code,period,${MEASURE_CODES.join(',')}`];
	for (let i = 0; i < communes.length; i++) {
		const row = figures.subarray(i * MEASURE_COUNT, (i + 1) * MEASURE_COUNT);
		lines.push(`${communes[i].code},${month},${row.join(',')}`);
	}
	return lines.join('\n') + '\n';
}

/** The same figures as long rows for a plain COPY (unit_id, month, measure_code, value, batch_id). */
export function longCsv(
	unitIds: readonly number[],
	month: string,
	figures: Float64Array,
	batchId: number
): string {
	const parts: string[] = [];
	const day = `${month}-01`;
	for (let i = 0; i < unitIds.length; i++) {
		const prefix = `${unitIds[i]},${day},`;
		for (let k = 0; k < MEASURE_COUNT; k++)
			parts.push(`${prefix}${MEASURE_CODES[k]},${figures[i * MEASURE_COUNT + k]},${batchId}\n`);
	}
	return parts.join('');
}
