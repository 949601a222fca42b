/** Resolving the unit-month of a report from a URL: a commune code valid in a real, past month. */
import type { Executor } from '../db/index.ts';
import type { UnitSpan } from './import/validate.ts';
import { unitsBearing } from '../queries/units.ts';

export type ReportUnitResult =
	{ ok: true; unit: UnitSpan } | { ok: false; status: 400 | 404; message: string };

const MONTH = /^(\d{4})-(0[1-9]|1[0-2])$/;

/** The commune bearing `code` in `month` (YYYY-MM), or why there is none. */
export async function reportUnit(
	db: Executor,
	code: string,
	month: string
): Promise<ReportUnitResult> {
	if (!MONTH.test(month))
		return { ok: false, status: 400, message: `"${month}" is not a month: write YYYY-MM` };
	const first = `${month}-01`;
	const rows = await unitsBearing(db, code);
	if (rows.length === 0) return { ok: false, status: 404, message: `Unknown unit code "${code}"` };
	const unit = rows.find(
		(u) => (u.validFrom ?? '0001-01-01') <= first && (u.validTo ?? '9999-12-31') >= first
	);
	if (!unit)
		return {
			ok: false,
			status: 404,
			message:
				`No unit bore code ${code} in ${month}: ` +
				rows.map((u) => `${u.name} ${u.validFrom ?? '…'} – ${u.validTo ?? 'now'}`).join('; ')
		};
	if (unit.level !== 'commune')
		return {
			ok: false,
			status: 400,
			message: `${code} (${unit.name}) is a ${unit.level}: reports are made per commune`
		};
	return { ok: true, unit: { ...unit, id: Number(unit.id) } };
}
