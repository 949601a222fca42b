/**
 * The map draws either Xã Số's own service index or the official Decision 766 total the national
 * portal published (`?source=official`, declared in http/public-params.ts). The official figures
 * exist for communes and for the periods the portal scored (a month or a quarter, stored as it
 * published them), so the choice is offered only there; a commune without an official score is
 * drawn as having no data, never with our figure in its place.
 */
import type { Executor } from '../db/index.ts';
import { officialTotalsByCode } from '../queries/official-scores.ts';
import type { Figure } from '../queries/values.ts';
import { band } from '../../domain/scoring.ts';
import { rankValues } from '../../domain/rank.ts';

/** Where the map's figures come from. */
export interface MapSource {
	/** The period has official scores for this view: the choice is offered. */
	available: boolean;
	/** The map and table show the official scores. */
	official: boolean;
}

/** The view the choice depends on: the service index of communes on their own units. */
interface SourceView {
	indicator: string;
	period: string;
	level: string;
	asOf: string | null;
}

/** `?source=`: `official`, or the default (absent or `computed`); anything else is invalid. */
export function readSource(params: URLSearchParams): { official: boolean; invalid: boolean } {
	const raw = params.get('source');
	return {
		official: raw === 'official',
		invalid: !!raw && raw !== 'official' && raw !== 'computed'
	};
}

/**
 * `rows` with the official totals in place of ours when asked and available (ranks and bands
 * recomputed from them, sample figures cleared), and what the page should offer.
 */
export async function withSource<R extends Figure & { unit_code: string }>(
	db: Executor,
	view: SourceView,
	rows: R[],
	asked: boolean
): Promise<{ rows: R[]; source: MapSource }> {
	if (view.indicator !== 'service_index' || view.level !== 'commune' || view.asOf)
		return { rows, source: { available: false, official: false } };
	const totals = await officialTotalsByCode(db, view.period);
	if (totals.size === 0) return { rows, source: { available: false, official: false } };
	if (!asked) return { rows, source: { available: true, official: false } };
	const values = rows.map((r) => totals.get(r.unit_code) ?? null);
	const ranks = rankValues(values, 'higher');
	const official = rows.map((r, k) => ({
		...r,
		value: values[k],
		numerator: null,
		denominator: null,
		low_confidence: false,
		rank: ranks[k],
		band: band(values[k])
	}));
	return { rows: official, source: { available: true, official: true } };
}
