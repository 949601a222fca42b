/**
 * Checks every figure cell against the units and the rules of CONTRACT.md: the unit bore the code
 * in that month and is a commune, the month is real and not in the future, values are whole
 * non-negative numbers, no figure twice, and no part above its whole (after merging the file's
 * figures over the stored ones). Returns the accepted figures and every error, with its line.
 */
import {
	MEASURES,
	MEASURE_CODES,
	MEASURE_INDEX,
	type MeasureCode
} from '../../../domain/measures.ts';
import type { FigureCell, RowError } from './cells.ts';

export interface UnitSpan {
	id: number;
	code: string;
	name: string;
	level: string;
	validFrom: string | null;
	validTo: string | null;
}

export interface Figure {
	line: number;
	column: string;
	unitId: number;
	month: string;
	measure: MeasureCode;
	value: number;
}

export interface ValidationContext {
	unitsByCode: Map<string, UnitSpan[]>;
	/** The current month (YYYY-MM): later months are rejected as future. */
	currentMonth: string;
	/** Successor names for retired codes, for helpful messages. */
	successorOf?: (unitId: number) => string | null;
	/**
	 * When given, filled with the units of each row by line (its unit in its month, or every
	 * unit that bore its code when the month cannot be used), so a scope check can judge rows
	 * that have other errors too.
	 */
	rowUnits?: Map<number, number[]>;
}

const MAX_VALUE = 1e12;

/** The largest value of the measures that have one (flags: 1). */
const MAX_OF: Partial<Record<string, number>> = Object.fromEntries(
	MEASURES.filter((m) => m.max !== undefined).map((m) => [m.code, m.max])
);

/** Parses a whole number, accepting thousands grouped by '.', ',' or spaces (12.122). */
export function parseCount(raw: string): { value: number } | { error: string; code: string } {
	const s = raw.trim();
	if (/^-\s*\d/.test(s))
		return { code: 'negative', error: `"${s}" is negative; counts are 0 or more` };
	const digits = /^\d+$/.test(s)
		? s
		: /^\d{1,3}([., \u00a0]\d{3})+$/.test(s)
			? s.replace(/[., \u00a0]/g, '')
			: null;
	if (digits === null) {
		if (/^\d+[.,]\d+$/.test(s))
			return { code: 'not_integer', error: `"${s}" is not a whole number` };
		return { code: 'not_a_number', error: `"${s}" is not a number` };
	}
	const value = Number(digits);
	if (value > MAX_VALUE) return { code: 'too_large', error: `${s} is implausibly large` };
	return { value };
}

const PERIOD = /^(\d{4})-(\d{2})$/;

function unitAt(spans: UnitSpan[] | undefined, month: string): UnitSpan | undefined {
	const first = `${month}-01`;
	return spans?.find(
		(u) => (u.validFrom ?? '0001-01-01') <= first && (u.validTo ?? '9999-12-31') >= first
	);
}

type RowVerdict = { unit: UnitSpan; key: string; given?: Given } | null;

/** Validates the cells; `stored` gives the current values of the unit-months the file touches. */
export function validateCells(
	cells: FigureCell[],
	context: ValidationContext,
	stored: (unitId: number, month: string) => Map<MeasureCode, number> | undefined = () => undefined
): { figures: Figure[]; errors: RowError[]; blanks: number } {
	const checker = new CellChecker(context);
	const figures = checker.check(cells);
	const errors = [...checker.errors, ...checker.partErrors(stored)];
	return { figures, errors, blanks: checker.blanks };
}

/** What a file gives for one unit-month, by measure position (MEASURE_CODES order). */
interface Given {
	unitId: number;
	month: string;
	/** The value of each measure given; NaN where none was. */
	values: Float64Array;
	/** The line of each measure given; 0 where none was. */
	lines: Int32Array;
	columns: string[];
}

/**
 * Validates cells a slice at a time (whole rows per slice), remembering across slices what a
 * file must not repeat, so a large file can be written while it is still being read. Collects
 * every error; the part ≤ whole check is `partErrors`, once all figures are known.
 */
export class CellChecker {
	readonly errors: RowError[] = [];
	blanks = 0;
	// Per unit-month, what was given so far (a figure twice is an error; parts are checked
	// against wholes over the whole file).
	private readonly given = new Map<string, Given>();
	private rowLine = -1;
	private verdict: RowVerdict = null;

	constructor(private readonly context: ValidationContext) {}

	/** The valid figures of `cells`, in order; problems go to `errors`. */
	check(cells: readonly FigureCell[]): Figure[] {
		const figures: Figure[] = [];
		for (const c of cells)
			this.cell(figures, c.line, c.column, c.unitCode, c.period, c.measure, c.raw);
		return figures;
	}

	/**
	 * Checks one cell (given by its fields, so a large file needs no object per cell) and adds
	 * its figure to `figures` when it is valid. Cells must come row by row.
	 */
	cell(
		figures: Figure[],
		line: number,
		column: string,
		unitCode: string,
		period: string,
		measure: MeasureCode,
		raw: string
	): void {
		// Cells of a row share its unit and period: judge those once per row (a national report
		// has 21 cells a row and 200,000 in all).
		if (line !== this.rowLine) {
			this.rowLine = line;
			this.verdict = judgeRow(line, unitCode, period, this.context, this.errors);
		}
		// A row with a bad unit or month still has its values checked (every error in one answer);
		// only its figures are dropped.
		const verdict = this.verdict;
		let value: number;
		if (isPlainCount(raw)) value = Number(raw);
		else {
			if (raw.trim() === '') {
				if (verdict) this.blanks++;
				return; // blank = not reported, which is not zero
			}
			const parsed = parseCount(raw);
			if ('error' in parsed) {
				this.errors.push({
					line,
					column,
					code: parsed.code,
					message: `${measure}: ${parsed.error}`
				});
				return;
			}
			value = parsed.value;
		}
		const max = MAX_OF[measure];
		if (max !== undefined && value > max) {
			this.errors.push({
				line,
				column,
				code: 'not_flag',
				message: `${measure} is 0 or 1, got ${value}`
			});
			return;
		}
		if (!verdict) return;
		let given = verdict.given;
		if (!given) {
			given = this.given.get(verdict.key);
			if (!given) {
				given = {
					unitId: verdict.unit.id,
					month: period,
					values: new Float64Array(MEASURE_CODES.length).fill(NaN),
					lines: new Int32Array(MEASURE_CODES.length),
					columns: []
				};
				this.given.set(verdict.key, given);
			}
			verdict.given = given;
		}
		const k = MEASURE_INDEX[measure];
		const before = given.lines[k];
		if (before !== 0) {
			this.errors.push({
				line,
				column,
				code: 'duplicate',
				message: `${unitCode} ${period} ${measure} already given on line ${before}`
			});
			return;
		}
		given.values[k] = value;
		given.lines[k] = line;
		given.columns[k] = column;
		figures.push({ line, column, unitId: verdict.unit.id, month: period, measure, value });
	}

	/** Parts never exceed wholes, with the figures given so far laid over the stored ones. */
	partErrors(
		stored: (unitId: number, month: string) => Map<MeasureCode, number> | undefined
	): RowError[] {
		const errors: RowError[] = [];
		for (const g of this.given.values()) {
			const old = stored(g.unitId, g.month);
			for (const rule of PART_RULES) {
				// Stored figures that disagree among themselves are not this file's doing.
				if (!g.lines[rule.p] && !g.lines[rule.w]) continue;
				const p = g.lines[rule.p] ? g.values[rule.p] : old?.get(rule.part);
				const w = g.lines[rule.w] ? g.values[rule.w] : old?.get(rule.whole);
				if (p === undefined || w === undefined || p <= w) continue;
				const blame = g.lines[rule.p] ? rule.p : rule.w;
				errors.push({
					line: g.lines[blame],
					column: g.columns[blame],
					code: 'part_exceeds_whole',
					message: `${rule.part} ${p} exceeds ${rule.whole} ${w}${g.lines[rule.w] ? '' : ' (stored figure)'} for ${g.month}`
				});
			}
		}
		return errors;
	}
}

/** Each part with its whole, in MEASURES order, by position too. */
const PART_RULES = MEASURES.flatMap((m) =>
	m.partOf
		? [{ part: m.code, whole: m.partOf, p: MEASURE_INDEX[m.code], w: MEASURE_INDEX[m.partOf] }]
		: []
);

/** Up to 12 digits and nothing else: the common cell, read without a regular expression. */
function isPlainCount(raw: string): boolean {
	const n = raw.length;
	if (n === 0 || n > 12) return false;
	for (let i = 0; i < n; i++) {
		const d = raw.charCodeAt(i) - 48;
		if (d < 0 || d > 9) return false;
	}
	return true;
}

/**
 * The unit and month of a row, or null when the row cannot be placed. Its month and its unit code
 * are judged apart, so a row with both wrong gets both errors; the unit is resolved for the scope
 * check (`rowUnits`) whenever its code is known.
 */
function judgeRow(
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
