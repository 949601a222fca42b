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

/** Reads the figures out of a table; every problem is reported, none stops the reading. */
export function readCells(table: Table): Cells {
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
	const figureCols = roles.flatMap((r, i) =>
		r?.kind === 'figure' ? [{ i, measure: r.measure }] : []
	);
	const form: Cells['form'] = measureCol >= 0 || valueCol >= 0 ? 'long' : 'wide';
	if (unitCol < 0)
		errors.push({
			line: 1,
			column: null,
			code: 'missing_column',
			message: 'Missing column unit_code (Mã đơn vị)'
		});
	if (periodCol < 0)
		errors.push({
			line: 1,
			column: null,
			code: 'missing_column',
			message: 'Missing column period (Kỳ báo cáo)'
		});
	if (form === 'long' && (measureCol < 0 || valueCol < 0))
		errors.push({
			line: 1,
			column: null,
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
			code: 'missing_column',
			message: 'No measure columns: nothing to import'
		});
	if (errors.length) return { form, cells: [], errors };
	// A header alone is a mistake (the wrong file, or the rows lost), not an import of nothing.
	if (table.records.length === 0)
		return {
			form,
			cells: [],
			errors: [
				{
					line: 1,
					column: null,
					code: 'no_rows',
					message: 'The file has a header row but no data rows'
				}
			]
		};

	const cells: FigureCell[] = [];
	const width = table.header.length;
	for (const { line, cells: row } of table.records) {
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
				cells.push({ line, column: table.header[i], unitCode, period, measure, raw: row[i] });
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
			cells.push({
				line,
				column: table.header[valueCol],
				unitCode,
				period,
				measure,
				raw: row[valueCol]
			});
		}
	}
	return { form, cells, errors };
}
