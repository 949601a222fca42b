/**
 * `siblingStanding`: a unit's row of `valuesFor` among the units of its level under its parent,
 * the very row `/api/v1/values?indicator=…&period=…&level=…&parent=…` answers, so the rank and
 * the points its page shows are the API's.
 */
import type { Executor } from '../db/index.ts';
import { QueryError } from './errors.ts';
import { valuesFor, type ValueRow } from './values.ts';
import type { Level } from './units.ts';

export interface Standing {
	row: ValueRow;
	/** Units ranked (the rows of the answer). */
	of: number;
	/** The API's `as_of` that gives this row, or null when the plain view does. */
	asOf: string | null;
}

export interface StandingRequest {
	unit: {
		code: string;
		level: Level;
		valid_from: string | null;
		parent: { code: string } | null;
	};
	indicator: string;
	period: string;
	/** The date the unit's figures are reported on, when the plain view shows another era. */
	asOf: string | null;
}

/**
 * The unit's row: from the plain view (the units the map draws), else, for a unit that did not
 * exist then, on the units of `asOf`; null when neither holds it or the view has no units.
 */
export async function siblingStanding(
	db: Executor,
	request: StandingRequest
): Promise<Standing | null> {
	const { unit } = request;
	const views = request.asOf ? [null, request.asOf] : [null];
	for (const asOf of views) {
		try {
			const result = await valuesFor(db, {
				indicator: request.indicator,
				period: request.period,
				level: unit.level,
				parent: unit.parent?.code ?? null,
				asOf
			});
			// A code can be reused in another era: a row is (unit_code, valid_from).
			const row = result.rows.find(
				(r) => r.unit_code === unit.code && r.valid_from === unit.valid_from
			);
			if (row) return { row, of: result.rows.length, asOf };
		} catch (e) {
			if (!(e instanceof QueryError)) throw e;
		}
	}
	return null;
}
