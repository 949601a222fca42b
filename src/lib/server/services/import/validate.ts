/**
 * Checks every figure cell against the units and the rules of CONTRACT.md: the unit bore the code
 * in that month and is a commune, the month is real and not in the future, values are whole
 * non-negative numbers, no figure twice, and no part above its whole (after merging the file's
 * figures over the stored ones). Returns the accepted figures and every error, with its line.
 */
import { MEASURE_CODES, MEASURE_INDEX, type MeasureCode } from '../../../domain/measures.ts';
import type { CellVisitor, FigureCell, RowError } from './cells.ts';
import { MAX_OF, isPlainCount, parseCount } from './checks/count.ts';
import { judgeRow, type RowVerdict } from './checks/row.ts';
import { partErrors } from './checks/parts.ts';

export { parseCount };

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
export interface Given {
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
		const visit = this.into(figures);
		for (const c of cells) visit(c.line, c.column, c.unitCode, c.period, c.measure, c.raw);
		return figures;
	}

	/**
	 * A visitor that checks each cell (given by its fields, so a large file needs no object per
	 * cell) and adds its figure to `figures` when it is valid. Cells must come row by row.
	 */
	into(figures: Figure[]): CellVisitor {
		return (line, column, unitCode, period, measure, raw) => {
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
		};
	}

	/** Parts never exceed wholes, with the figures given so far laid over the stored ones. */
	partErrors(
		stored: (unitId: number, month: string) => Map<MeasureCode, number> | undefined
	): RowError[] {
		return partErrors(this.given.values(), stored);
	}
}
