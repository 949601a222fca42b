/**
 * Biểu số II.06a/VPCP/KSTT (XLSX or CSV) → the long table the import checks: one record per unit
 * row (unit NAME, month, stock carried over, then our six dossier measures), with the form's own
 * arithmetic checked per row. Names become codes later, in the main thread, against the units of
 * the province (form-units.ts). Layout, headings and mapping: domain/ii06a.ts; the period and
 * the month it is filed under: domain/report-period.ts.
 */
import {
	describeDisagreement,
	disagreements,
	FORM_MEASURES,
	II06A_FIELDS,
	measuresOf,
	type Ii06aField,
	type Ii06aRow
} from '../../../../domain/ii06a.ts';
import { readReportingPeriod } from '../../../../domain/report-period.ts';
import { searchKey } from '../../../../domain/text.ts';
import { parseCount } from '../validate.ts';
import { TableError, FORM_KEY_COLUMNS, type Table } from '../table.ts';
import type { RowError } from '../cells.ts';
import { unmerged, type Grid } from './grid.ts';
import { findHeader, missingColumns } from './ii06a-header.ts';

/** Rows before the header searched for the form's title ("Biểu số II.06a/VPCP/KSTT"). */
const TITLE_ROWS = 15;

const rowText = (cells: string[]) => cells.filter(Boolean).join(' ');

/** True when the grid's first rows name the form. */
export function namesIi06a(grid: Grid): boolean {
	return grid.rows
		.slice(0, TITLE_ROWS)
		.some((r) => /ii\s*\.?\s*06\s*a/.test(searchKey(rowText(r.cells))));
}

/** A row of column numbers under the header: "(1)", "2", "A", "B" … and nothing else. */
const isNumbering = (cells: string[]) =>
	cells.some(Boolean) && cells.every((c) => !c.trim() || /^\(?[0-9A-Za-z]{1,2}\)?$/.test(c.trim()));

/** Totals and subtotals (a district's, the province's) are checked but not imported. */
const isAggregate = (name: string) =>
	/^(tong|cong|toan tinh|huyen|quan|thanh pho|thi xa|tinh)\b/.test(searchKey(name));

/** The province named above the header ("UBND TỈNH LAI CHÂU", "Đơn vị báo cáo: UBND tỉnh …"). */
function provinceOf(cells: string[]): string | null {
	for (const cell of cells) {
		const key = searchKey(cell);
		const m = /(?:^|[\s:])(tinh|thanh pho)\s+([a-z][a-z ]+?)\s*(?:$|[,;()\-–])/.exec(key);
		const issuer = /ubnd|uy ban nhan dan|don vi bao cao/.test(key);
		if (m && (issuer || (/^(tinh|thanh pho) /.test(key) && key.length <= 40)) && m[2] !== 'hinh')
			return `${m[1]} ${m[2]}`;
	}
	return null;
}

/**
 * The II.06a form of a grid as a table, or null when the grid is not one (no title naming it and
 * no header of its columns). A grid that names the form but lacks a column, or a period, is
 * refused (TableError) with what is missing.
 */
export function readIi06a(grid: Grid): Table | null {
	const rows = unmerged(grid);
	const header = findHeader(rows);
	if (!header) {
		if (!namesIi06a(grid)) return null;
		throw new TableError(
			rows[0]?.line ?? 1,
			`This is a Biểu số II.06a form, but its header lacks the columns: ${missingColumns(rows).join(', ')}`
		);
	}
	const above = rows.slice(0, header.first).map((r) => rowText(r.cells));
	const headerLine = rows[header.first].line;
	let period = null;
	for (let i = 0; i < above.length && !period; i++) {
		const reading = readReportingPeriod(above[i]);
		if (reading && !reading.ok) throw new TableError(rows[i].line, reading.message);
		if (reading?.ok) period = reading.period;
	}
	if (!period)
		throw new TableError(
			headerLine,
			'The II.06a form has no reporting period above its header: write "Kỳ báo cáo: Từ ngày dd/mm/yyyy đến ngày dd/mm/yyyy"'
		);
	const nameCol = header.columns.get('name')!;
	const errors: RowError[] = [];
	const warnings: RowError[] = [];
	const records: Table['records'] = [];
	for (const { line, cells } of rows.slice(header.last + 1)) {
		const name = (cells[nameCol] ?? '').trim();
		if (!name || isNumbering(cells)) continue;
		const values = {} as Ii06aRow;
		let given = 0;
		const wrongCells: RowError[] = [];
		for (const field of II06A_FIELDS) {
			const col = header.columns.get(field);
			const raw = col === undefined ? '' : (cells[col] ?? '').trim();
			// The form leaves zeros blank: in a row with figures, an empty cell is 0.
			if (raw === '' || raw === '-') {
				values[field] = 0;
				continue;
			}
			const parsed = parseCount(raw);
			if ('error' in parsed) {
				wrongCells.push({
					line,
					column: header.labels.get(field)!,
					code: parsed.code,
					message: `${name}: ${parsed.error}`
				});
				continue;
			}
			values[field] = parsed.value;
			given++;
		}
		// A row without a figure is not reported (a unit of the blank form left empty) or is not a
		// unit's (the signatures under the table).
		if (given === 0) continue;
		if (wrongCells.length) {
			errors.push(...wrongCells);
			continue;
		}
		const wrong = disagreements(values);
		if (wrong.length)
			errors.push({
				line,
				column: null,
				code: 'form_arithmetic',
				message: `${name}: the form's totals do not add up (${wrong.map((d) => d.group).join(', ')}): ${wrong.map(describeDisagreement).join('; ')}`
			});
		if (values.received_total !== values.resolved_total + values.pending_total)
			warnings.push({
				line,
				column: null,
				code: 'form_balance',
				message: `${name}: received total ${values.received_total} ≠ resolved ${values.resolved_total} + pending ${values.pending_total} (withdrawn or transferred dossiers?)`
			});
		if (isAggregate(name)) continue;
		records.push({
			line,
			cells: [
				name,
				period.month,
				String(values.carried_over),
				...measuresOf(values).map(([, v]) => String(v))
			]
		});
	}
	return {
		header: [...FORM_KEY_COLUMNS, ...FORM_MEASURES],
		records,
		delimiter: '',
		headerLine,
		form: {
			kind: 'ii06a',
			layout: header.columns.has('resolved_early' satisfies Ii06aField) ? 'current' : 'old',
			period,
			province: provinceOf(rows.slice(0, header.first).flatMap((r) => r.cells)),
			errors,
			warnings
		}
	};
}
