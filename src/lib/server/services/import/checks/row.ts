/**
 * The row check: a row's month is real, not in the future and not before 2000, and its unit code
 * was borne by a commune in that month.
 */
import type { RowError } from '../cells.ts';
import type { Given, UnitSpan, ValidationContext } from '../validate.ts';

const PERIOD = /^(\d{4})-(\d{2})$/;

function unitAt(spans: UnitSpan[] | undefined, month: string): UnitSpan | undefined {
	const first = `${month}-01`;
	return spans?.find(
		(u) => (u.validFrom ?? '0001-01-01') <= first && (u.validTo ?? '9999-12-31') >= first
	);
}

/** The row's unit and key (unit|month), and what the file gave for it so far. */
export type RowVerdict = { unit: UnitSpan; key: string; given?: Given } | null;

/**
 * The unit and month of a row, or null when the row cannot be placed. Its month and its unit code
 * are judged apart, so a row with both wrong gets both errors; the unit is resolved for the scope
 * check (`rowUnits`) whenever its code is known.
 */
export function judgeRow(
	line: number,
	unitCode: string,
	period: string,
	context: ValidationContext,
	errors: RowError[]
): RowVerdict {
	const periodError = judgePeriod(period, context.currentMonth);
	if (periodError) errors.push({ line, column: 'period', ...periodError });
	// A future month is still a real one: its unit can be found (and its scope checked).
	const month = periodError?.code === 'invalid_period' ? null : period;
	const spans = unitCode ? context.unitsByCode.get(unitCode) : undefined;
	const unit = month === null ? undefined : unitAt(spans, month);
	context.rowUnits?.set(line, unit ? [unit.id] : (spans ?? []).map((s) => s.id));
	const unitError = (code: string, message: string): null => {
		errors.push({ line, column: 'unit_code', code, message });
		return null;
	};
	if (!unitCode) return unitError('missing_unit', 'Unit code is blank');
	if (!spans) return unitError('unknown_unit', `Unknown unit code "${unitCode}"`);
	if (month === null) return null;
	if (!unit) {
		const last = spans[spans.length - 1];
		const next = context.successorOf?.(last.id);
		return unitError(
			'unit_not_valid',
			`No unit bore code ${unitCode} in ${period}: ` +
				spans.map((s) => `${s.name} ${s.validFrom ?? '…'} – ${s.validTo ?? 'now'}`).join('; ') +
				(next ? `; its figures now go to ${next}` : '')
		);
	}
	if (unit.level !== 'commune')
		return unitError(
			'not_commune',
			`${unitCode} (${unit.name}) is a ${unit.level}: figures are reported per commune and summed`
		);
	return periodError ? null : { unit, key: `${unit.id}|${period}` };
}

/** Why a period cannot be reported, or null when it can. */
function judgePeriod(
	period: string,
	currentMonth: string
): { code: 'invalid_period' | 'future_period'; message: string } | null {
	const m = PERIOD.exec(period);
	if (!m || Number(m[2]) < 1 || Number(m[2]) > 12)
		return {
			code: 'invalid_period',
			message: `Period "${period}" is not a month: write YYYY-MM, e.g. 2024-03`
		};
	if (period > currentMonth)
		return {
			code: 'future_period',
			message: `Period ${period} is in the future (this month is ${currentMonth})`
		};
	if (period < '2000-01')
		return { code: 'invalid_period', message: `Period ${period} is before 2000` };
	return null;
}
