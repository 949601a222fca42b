/**
 * Checks every figure cell against the units and the rules of CONTRACT.md: the unit bore the code
 * in that month and is a commune, the month is real and not in the future, values are whole
 * non-negative numbers, no figure twice, and no part above its whole (after merging the file's
 * figures over the stored ones). Returns the accepted figures and every error, with its line.
 */
import { MEASURE_BY_CODE, MEASURES, type MeasureCode } from '../../../domain/measures.ts';
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
}

const MAX_VALUE = 1e12;

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

/** Validates the cells; `stored` gives the current values of the unit-months the file touches. */
export function validateCells(
	cells: FigureCell[],
	context: ValidationContext,
	stored: (unitId: number, month: string) => Map<MeasureCode, number> | undefined = () => undefined,
	/** False to leave the part ≤ whole check to a later `checkParts` call with stored values. */
	withParts = true
): { figures: Figure[]; errors: RowError[]; blanks: number } {
	const errors: RowError[] = [];
	const figures: Figure[] = [];
	const firstLine = new Map<string, number>();
	const rowChecked = new Set<string>();
	let blanks = 0;
	const err = (c: FigureCell, code: string, message: string) =>
		errors.push({ line: c.line, column: c.column, code, message });
	for (const c of cells) {
		const rowKey = `${c.line}`;
		const once = !rowChecked.has(rowKey);
		rowChecked.add(rowKey);
		if (!c.unitCode) {
			if (once)
				errors.push({
					line: c.line,
					column: 'unit_code',
					code: 'missing_unit',
					message: 'Unit code is blank'
				});
			continue;
		}
		const m = PERIOD.exec(c.period);
		if (!m || Number(m[2]) < 1 || Number(m[2]) > 12) {
			if (once)
				errors.push({
					line: c.line,
					column: 'period',
					code: 'invalid_period',
					message: `Period "${c.period}" is not a month: write YYYY-MM, e.g. 2024-03`
				});
			continue;
		}
		if (c.period > context.currentMonth) {
			if (once)
				errors.push({
					line: c.line,
					column: 'period',
					code: 'future_period',
					message: `Period ${c.period} is in the future (this month is ${context.currentMonth})`
				});
			continue;
		}
		if (c.period < '2000-01') {
			if (once)
				errors.push({
					line: c.line,
					column: 'period',
					code: 'invalid_period',
					message: `Period ${c.period} is before 2000`
				});
			continue;
		}
		const spans = context.unitsByCode.get(c.unitCode);
		const unit = unitAt(spans, c.period);
		if (!unit) {
			if (once) {
				if (!spans)
					errors.push({
						line: c.line,
						column: 'unit_code',
						code: 'unknown_unit',
						message: `Unknown unit code "${c.unitCode}"`
					});
				else {
					const last = spans[spans.length - 1];
					const next = context.successorOf?.(last.id);
					errors.push({
						line: c.line,
						column: 'unit_code',
						code: 'unit_not_valid',
						message:
							`No unit bore code ${c.unitCode} in ${c.period}: ` +
							spans
								.map((s) => `${s.name} ${s.validFrom ?? '…'} – ${s.validTo ?? 'now'}`)
								.join('; ') +
							(next ? `; its figures now go to ${next}` : '')
					});
				}
			}
			continue;
		}
		if (unit.level !== 'commune') {
			if (once)
				errors.push({
					line: c.line,
					column: 'unit_code',
					code: 'not_commune',
					message: `${c.unitCode} (${unit.name}) is a ${unit.level}: figures are reported per commune and summed`
				});
			continue;
		}
		if (c.raw.trim() === '') {
			blanks++;
			continue; // blank = not reported, which is not zero
		}
		const parsed = parseCount(c.raw);
		if ('error' in parsed) {
			err(c, parsed.code, `${c.measure}: ${parsed.error}`);
			continue;
		}
		const max = MEASURE_BY_CODE.get(c.measure)?.max;
		if (max !== undefined && parsed.value > max) {
			err(c, 'not_flag', `${c.measure} is 0 or 1, got ${parsed.value}`);
			continue;
		}
		const key = `${unit.id}|${c.period}|${c.measure}`;
		const before = firstLine.get(key);
		if (before !== undefined) {
			err(c, 'duplicate', `${c.unitCode} ${c.period} ${c.measure} already given on line ${before}`);
			continue;
		}
		firstLine.set(key, c.line);
		figures.push({
			line: c.line,
			column: c.column,
			unitId: unit.id,
			month: c.period,
			measure: c.measure,
			value: parsed.value
		});
	}
	if (withParts) errors.push(...checkParts(figures, stored));
	return { figures, errors, blanks };
}

/** Parts never exceed wholes, with the file's figures laid over the stored ones. */
export function checkParts(
	figures: Figure[],
	stored: (unitId: number, month: string) => Map<MeasureCode, number> | undefined
): RowError[] {
	const errors: RowError[] = [];
	const byUnitMonth = new Map<string, Map<MeasureCode, Figure>>();
	for (const f of figures) {
		const key = `${f.unitId}|${f.month}`;
		let m = byUnitMonth.get(key);
		if (!m) byUnitMonth.set(key, (m = new Map()));
		m.set(f.measure, f);
	}
	for (const [key, fileValues] of byUnitMonth) {
		const [unitId, month] = [Number(key.split('|')[0]), key.split('|')[1]];
		const old = stored(unitId, month);
		const valueOf = (code: MeasureCode) => fileValues.get(code)?.value ?? old?.get(code);
		for (const part of MEASURES) {
			if (!part.partOf) continue;
			const p = valueOf(part.code);
			const w = valueOf(part.partOf);
			if (p === undefined || w === undefined || p <= w) continue;
			const blame = fileValues.get(part.code) ?? fileValues.get(part.partOf)!;
			const whereWhole = fileValues.has(part.partOf) ? '' : ' (stored figure)';
			errors.push({
				line: blame.line,
				column: blame.column,
				code: 'part_exceeds_whole',
				message: `${part.code} ${p} exceeds ${part.partOf} ${w}${whereWhole} for ${month}`
			});
		}
	}
	return errors;
}
