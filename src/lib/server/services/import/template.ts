/**
 * The downloadable report template: an XLSX workbook with one sheet, Vietnamese headers
 * (`Mã đơn vị`, `Tên đơn vị`, `Kỳ báo cáo`, then one column per measure under its Vietnamese
 * name, which the importer maps back through columns.ts), and one row per unit with its code, name
 * and the period filled in and the figure cells left empty.
 *
 * Codes and the period are written as inline strings and their columns are formatted as text, so
 * Excel keeps the leading zero of 03386 and does not turn 2025-07 into a date.
 */
import { MEASURES } from '../../../domain/measures.ts';
import { writeWorkbook } from '../../http/xlsx-writer.ts';
import { TEMPLATE_HEADERS } from './columns.ts';

export interface TemplateOptions {
	units: { code: string; name: string }[];
	/** YYYY-MM */
	period: string;
}

/** Builds the template workbook for the given units and month. */
export function buildTemplate(options: TemplateOptions): Uint8Array {
	if (!/^\d{4}-(0[1-9]|1[0-2])$/.test(options.period))
		throw new Error(`period must be YYYY-MM, got "${options.period}"`);
	return writeWorkbook({
		name: 'Báo cáo',
		header: [
			TEMPLATE_HEADERS.unit_code,
			TEMPLATE_HEADERS.unit_name,
			TEMPLATE_HEADERS.period,
			...MEASURES.map((m) => m.name.vi)
		],
		rows: options.units.map((u) => [u.code, u.name, options.period]),
		columns: [
			{ width: 12, text: true },
			{ width: 28, text: true },
			{ width: 12, text: true },
			...MEASURES.map(() => ({ width: 16 }))
		],
		frozenColumns: 3
	});
}
