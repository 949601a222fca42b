/**
 * Text → a table of string cells with the file's line numbers, for CSV (comma, semicolon or tab,
 * detected from the header line). Codes stay strings, so leading zeros survive.
 */
import { parse } from 'csv-parse/sync';

export interface Table {
	header: string[];
	/** Records after the header, each with the line on which it starts (1-based, header = 1). */
	records: { line: number; cells: string[] }[];
	delimiter: string;
}

export class TableError extends Error {
	constructor(
		readonly line: number,
		message: string
	) {
		super(message);
	}
}

/** The delimiter that splits the header line into the most fields. */
export function detectDelimiter(headerLine: string): string {
	const candidates = [',', ';', '\t'];
	let best = ',';
	let most = 0;
	for (const d of candidates) {
		const n = headerLine.split(d).length;
		if (n > most) {
			most = n;
			best = d;
		}
	}
	return best;
}

/** Parses CSV text; ragged rows and broken quoting become TableErrors with their line. */
export function parseCsv(text: string): Table {
	const firstLine = text.split(/\r?\n/, 1)[0] ?? '';
	const delimiter = detectDelimiter(firstLine);
	let rows: { record: string[]; info: { lines: number } }[];
	try {
		rows = parse(text, {
			delimiter,
			bom: true,
			relax_column_count: true,
			skip_empty_lines: true,
			max_record_size: 64 * 1024,
			info: true
		}) as unknown as { record: string[]; info: { lines: number } }[];
	} catch (error) {
		const e = error as Error & { lines?: number };
		throw new TableError(e.lines ?? 0, `The file is not valid CSV: ${e.message}`);
	}
	if (rows.length === 0) throw new TableError(1, 'The file is empty: expected a header row');
	const header = rows[0].record.map((h) => h.trim());
	const records = rows.slice(1).map((r) => ({ line: r.info.lines, cells: r.record }));
	return { header, records, delimiter };
}
