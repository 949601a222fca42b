/**
 * Writes the seeded demo figures (see demo-model.ts) into the store: one import batch with source
 * 'demo', replacing the figures of earlier demo batches and never touching real ones. A unit-month
 * that already has real figures is left to them. Everything happens in one transaction.
 */
import type { Store } from '../db/index.ts';
import { MEASURE_CODES } from '../../domain/measures.ts';
import { lastCompleteMonth } from '../../domain/periods.ts';
import { now, today } from '../../domain/clock.ts';
import { refreshFacts } from '../queries/facts.ts';
import { lockFigures } from '../queries/observations.ts';
import { saveSetting } from '../queries/settings.ts';
import {
	loadCommunes,
	realUnitMonths,
	replaceDemoBatch,
	setBatchInserted
} from '../queries/demo-figures.ts';
import { buildDemo, DEFAULT_SEED, DEMO_START } from './demo-model.ts';

export { loadCommunes };

export interface DemoOptions {
	seed?: number;
	/** Last month to fill, `YYYY-MM`; default the last complete month of today. */
	until?: string;
}

export interface DemoResult {
	observations: number;
	seed: number;
	until: string;
	batchId: number;
}

const COLUMNS = ['unit_id', 'month', 'measure_code', 'value', 'batch_id'];

/**
 * Generates the demo figures for every commune and month from 2021-01 to `until`, seeded and
 * reproducible (same seed and `until` → identical figures), and refreshes `monthly_facts`.
 */
export async function generateDemo(store: Store, options: DemoOptions = {}): Promise<DemoResult> {
	const seed = options.seed ?? DEFAULT_SEED;
	const until = options.until ?? lastCompleteMonth(today());
	if (!Number.isSafeInteger(seed)) throw new Error(`demo seed must be an integer, got ${seed}`);
	if (!/^\d{4}-(0[1-9]|1[0-2])$/.test(until) || until < DEMO_START)
		throw new Error(`demo until must be a month YYYY-MM from ${DEMO_START}, got ${until}`);

	return store.transaction(async (tx) => {
		await lockFigures(tx);
		const communes = await loadCommunes(tx);
		const real = await realUnitMonths(tx);
		const rows = buildDemo(communes, { seed, until }).filter(
			(r) => !real.has(`${r.unitId}|${r.month}`)
		);
		const note = `seed ${seed}, until ${until}`;
		const batch = { id: await replaceDemoBatch(tx, note) };

		const lines: string[] = [];
		for (const r of rows) {
			const prefix = `${r.unitId},${r.month}-01,`;
			r.values.forEach((v, m) => lines.push(`${prefix}${MEASURE_CODES[m]},${v},${batch.id}\n`));
		}
		if (lines.length > 0) await tx.copyIn('observations', COLUMNS, lines.join(''));
		await setBatchInserted(tx, batch.id, lines.length);
		await refreshFacts(tx);

		await saveSetting(tx, 'demo', {
			seed,
			until,
			generated_at: new Date(now()).toISOString()
		});
		return { observations: lines.length, seed, until, batchId: batch.id };
	});
}
