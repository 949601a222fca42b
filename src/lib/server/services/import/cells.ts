/**
 * A table (wide or long form) → one cell per figure: unit code, period, measure and raw value,
 * each with its line and column for error messages. Structural problems become row errors.
 */
import type { MeasureCode } from '../../../domain/measures.ts';
import { measureNamed, roleOf, type Role } from './columns.ts';
import type { Table } from './table.ts';

export interface RowError {
	line: number;
	column: string | null;
	code: string;
	message: string;
}

export interface FigureCell {
	line: number;
	column: string;
	unitCode: string;
	period: string;
	measure: MeasureCode;
	raw: string;
}

export interface Cells {
	form: 'wide' | 'long';
	cells: FigureCell[];
	/** Lines with a unit and period but every figure blank: valid, nothing to write. */
	errors: RowError[];
}

/** Where the figures of a table's rows are: the columns of the unit, period and each figure. */
export interface Layout {
	form: 'wide' | 'long';
	unitCol: number;
	periodCol: number;
	measureCol: number;
	valueCol: number;
	figureCols: { i: number; measure: MeasureCode }[];
}

/** Reads the figures out of a table; every problem is reported, none stops the reading. */
export function readCells(table: Table): Cells {
	const { layout, errors } = readLayout(table);
	if (!layout) return { form: errors.form, cells: [], errors: errors.list };
	const list = [...errors.list];
	return {
		form: layout.form,
		cells: cellsOf(table, layout, 0, table.records.length, list),
		errors: list
	};
}

/**
 * The header's layout with the header's errors, or null when they leave nothing to read (a
 * missing column, or no rows). Row problems are found by `cellsOf`.
 */
export function readLayout(table: Table): {
	layout: Layout | null;
	errors: { form: 'wide' | 'long'; list: RowError[] };
} {
	const errors: RowError[] = [];
	const roles: (Role | null)[] = table.header.map(roleOf);
	table.header.forEach((h, i) => {
		if (roles[i] === null)
			errors.push({
				line: 1,
				column: h,
				code: 'unknown_column',
				message: `Unknown column "${h}": expected unit_code, period and measure codes (wide form) or measure and value (long form)`
			});
	});
	const seen = new Map<string, number>();
	roles.forEach((r, i) => {
		if (!r || r.kind === 'ignored') return;
		const key = r.kind === 'figure' ? `figure:${r.measure}` : r.kind;
		if (seen.has(key))
			errors.push({
				line: 1,
				column: table.header[i],
				code: 'duplicate_column',
				message: `Column "${table.header[i]}" repeats column ${seen.get(key)! + 1} ("${table.header[seen.get(key)!]}")`
			});
		else seen.set(key, i);
	});
	const index = (kind: Role['kind']) => roles.findIndex((r) => r?.kind === kind);
	const unitCol = index('unit_code');
	const periodCol = index('period');
	const measureCol = index('measure');
	const valueCol = index('value');
	// A repeated measure column is reported above and its repeats are not read.
	const figureCols = roles.flatMap((r, i) =>
		r?.kind === 'figure' && seen.get(`figure:${r.measure}`) === i ? [{ i, measure: r.measure }] : []
	);
	const form: Cells['form'] = measureCol >= 0 || valueCol >= 0 ? 'long' : 'wide';
	if (unitCol < 0)
		errors.push({
			line: 1,
			column: 'unit_code',
			code: 'missing_column',
			message: 'Missing column unit_code (Mã đơn vị)'
		});
	if (periodCol < 0)
		errors.push({
			line: 1,
			column: 'period',
			code: 'missing_column',
			message: 'Missing column period (Kỳ báo cáo)'
		});
	if (form === 'long' && (measureCol < 0 || valueCol < 0))
		errors.push({
			line: 1,
			column: measureCol < 0 ? 'measure' : 'value',
			code: 'missing_column',
			message: 'Long form needs both columns measure (Chỉ tiêu) and value (Giá trị)'
		});
	if (form === 'long' && figureCols.length)
		errors.push({
			line: 1,
			column: table.header[figureCols[0].i],
			code: 'mixed_form',
			message:
				'A file is either wide (a column per measure) or long (measure and value columns), not both'
		});
	if (form === 'wide' && figureCols.length === 0)
		errors.push({
			line: 1,
			column: null,
			code: 'no_measure_columns',
			message: 'No measure columns: nothing to import'
		});
	// An unknown or repeated column does not stop the rows from being read (every error in one
	// answer); a missing one does.
	const blocking = errors.some((e) => e.code !== 'unknown_column' && e.code !== 'duplicate_column');
	if (blocking) return { layout: null, errors: { form, list: errors } };
	// A header alone is a mistake (the wrong file, or the rows lost), not an import of nothing.
	if (table.records.length === 0)
		return {
			layout: null,
			errors: {
				form,
				list: [
					...errors,
					{
						line: 1,
						column: null,
						code: 'no_rows',
						message: 'The file has a header row but no data rows'
					}
				]
			}
		};
	return {
		layout: { form, unitCol, periodCol, measureCol, valueCol, figureCols },
		errors: { form, list: errors }
	};
}

/** The figure cells of records [from, to); ragged rows and unknown measures go to `errors`. */
export function cellsOf(
	table: Table,
	layout: Layout,
	from: number,
	to: number,
	errors: RowError[]
): FigureCell[] {
	const cells: FigureCell[] = [];
	visitCells(table, layout, from, to, errors, (line, column, unitCode, period, measure, raw) =>
		cells.push({ line, column, unitCode, period, measure, raw })
	);
	return cells;
}

/** Receives one figure cell (the fields of a FigureCell, without making one). */
export type CellVisitor = (
	line: number,
	column: string,
	unitCode: string,
	period: string,
	measure: MeasureCode,
	raw: string
) => void;

/** Calls `visit` for each figure cell of records [from, to), in order; as `cellsOf`. */
export function visitCells(
	table: Table,
	layout: Layout,
	from: number,
	to: number,
	errors: RowError[],
	visit: CellVisitor
): void {
	const { form, unitCol, periodCol, measureCol, valueCol, figureCols } = layout;
	const width = table.header.length;
	for (let r = from; r < to; r++) {
		const { line, cells: row } = table.records[r];
		if (row.length !== width) {
			errors.push({
				line,
				column: null,
				code: 'ragged_row',
				message: `Line ${line} has ${row.length} fields; the header has ${width}`
			});
			continue;
		}
		const unitCode = row[unitCol].trim();
		const period = row[periodCol].trim();
		if (form === 'wide') {
			for (const { i, measure } of figureCols)
				visit(line, table.header[i], unitCode, period, measure, row[i]);
		} else {
			const measure = measureNamed(row[measureCol].trim());
			if (!measure) {
				errors.push({
					line,
					column: table.header[measureCol],
					code: 'unknown_measure',
					message: `Unknown measure "${row[measureCol].trim()}"`
				});
				continue;
			}
			visit(line, table.header[valueCol], unitCode, period, measure, row[valueCol]);
		}
	}
}
