/**
 * Shared by the import tests and tests/fixtures/import/make-fixtures.ts: a store with units (no
 * figures), a snapshot of everything an import may write, and a small XLSX writer that can
 * produce the odd workbooks real tools make (shared and inline strings, skipped cells and rows,
 * numbers for codes, date serials, formulas with cached values, error cells).
 */
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { sql } from 'drizzle-orm';
import { zipSync, strToU8 } from 'fflate';
import type { Store } from '../../src/lib/server/db/index.ts';
import { migrateStore } from '../../src/lib/server/db/migrate.ts';
import { seedMeasures, seedUnits } from '../../src/lib/server/services/units-seed.ts';
import { importFile, type ImportResult } from '../../src/lib/server/services/import/index.ts';

export const fixturesDir = join(
	dirname(fileURLToPath(import.meta.url)),
	'..',
	'fixtures',
	'import'
);

/** The month the tests pretend it is: later periods are "future". */
export const CURRENT_MONTH = '2026-06';

export const readFixture = (name: string): Uint8Array =>
	new Uint8Array(readFileSync(join(fixturesDir, name)));

/** Migrates and loads the measures, units and lineage: no figures, no geometry (fast). */
export async function prepareUnits(store: Store): Promise<void> {
	await migrateStore(store);
	await store.transaction(async (tx) => {
		await seedMeasures(tx);
		await seedUnits(tx);
	});
}

export interface Snapshot {
	observations: number;
	monthly_facts: number;
	audit_log: number;
	import_batches: number;
	checksum: string;
}

/** Row counts of every table an import writes, and a checksum of the observations. */
export async function snapshot(store: Store): Promise<Snapshot> {
	const [row] = await store.rows<Snapshot>(sql`select
		(select count(*)::int from observations) as observations,
		(select count(*)::int from monthly_facts) as monthly_facts,
		(select count(*)::int from audit_log) as audit_log,
		(select count(*)::int from import_batches) as import_batches,
		(select md5(coalesce(string_agg(unit_id || '|' || month || '|' || measure_code || '|' || value, ','
			order by unit_id, month, measure_code), '')) from observations) as checksum`);
	return { ...row };
}

/** Imports bytes as a CLI operator would, at CURRENT_MONTH. */
export function importBytes(
	store: Store,
	bytes: Uint8Array,
	fileName: string,
	options: { dryRun?: boolean } = {}
): Promise<ImportResult> {
	return importFile(store, {
		bytes,
		fileName,
		actor: 'test',
		userId: null,
		dryRun: options.dryRun,
		currentMonth: CURRENT_MONTH
	});
}

/** The stored value of one figure, or null. */
export async function storedValue(
	store: Store,
	code: string,
	month: string,
	measure: string
): Promise<number | null> {
	const rows = await store.rows<{
		value: number;
	}>(sql`select o.value::float8 as value from observations o
		join units u on u.id = o.unit_id
		where u.code = ${code} and o.month = ${month + '-01'}::date and o.measure_code = ${measure}
			and (u.valid_from is null or u.valid_from <= ${month + '-01'}::date)
			and (u.valid_to is null or u.valid_to >= ${month + '-01'}::date)`);
	return rows.length ? Number(rows[0].value) : null;
}

// ---------------------------------------------------------------------------------------------
// A small XLSX writer for fixtures.

/**
 * A cell: a string (written as a shared string), a number, null (no cell at all: skipped), or an
 * explicit typed cell (`t` as in OOXML: s, inlineStr, n, str, b, e, d; `f` a formula).
 */
export type XCell =
	| string
	| number
	| null
	| { t: 's' | 'inlineStr' | 'n' | 'str' | 'b' | 'e' | 'd'; v: string; f?: string };

export interface XlsxSpec {
	/** Rows with their spreadsheet row numbers (gaps are rows that do not exist). */
	rows: { r: number; cells: XCell[] }[];
	/** Leave out the r attributes of rows and cells (allowed by the format). */
	noRefs?: boolean;
	date1904?: boolean;
	/** Extra text put before the sheet's root element (e.g. a DTD). */
	sheetPrologue?: string;
	/** Names of sheets placed after the first one. */
	moreSheets?: string[];
	/** Use the x: prefix for the main namespace, as some .NET generators do. */
	prefixed?: boolean;
	/** Merged ranges ("C5:F5"), written after the sheet data as Excel does. */
	mergeCells?: string[];
}

const esc = (s: string) =>
	s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
const colName = (i: number): string => {
	let s = '';
	for (let n = i + 1; n > 0; n = Math.floor((n - 1) / 26))
		s = String.fromCharCode(65 + ((n - 1) % 26)) + s;
	return s;
};

/** Consecutive rows from row 1. */
export const rowsFrom = (table: XCell[][]) => table.map((cells, i) => ({ r: i + 1, cells }));

/** The XML parts of a workbook (name → text), to zip as they are or tamper with first. */
export function xlsxParts(spec: XlsxSpec): Record<string, string> {
	const strings: string[] = [];
	const stringIndex = new Map<string, number>();
	const shared = (s: string) => {
		if (!stringIndex.has(s)) {
			stringIndex.set(s, strings.length);
			strings.push(s);
		}
		return stringIndex.get(s)!;
	};
	const p = spec.prefixed ? 'x:' : '';
	const rows = spec.rows.map(({ r, cells }) => {
		const body = cells
			.map((cell, i) => {
				if (cell === null) return '';
				const ref = spec.noRefs ? '' : ` r="${colName(i)}${r}"`;
				if (typeof cell === 'string')
					return `<${p}c${ref} t="s"><${p}v>${shared(cell)}</${p}v></${p}c>`;
				if (typeof cell === 'number') return `<${p}c${ref}><${p}v>${cell}</${p}v></${p}c>`;
				const f = cell.f ? `<${p}f>${esc(cell.f)}</${p}f>` : '';
				if (cell.t === 'inlineStr')
					return `<${p}c${ref} t="inlineStr">${f}<${p}is><${p}t>${esc(cell.v)}</${p}t></${p}is></${p}c>`;
				if (cell.t === 's')
					return `<${p}c${ref} t="s">${f}<${p}v>${shared(cell.v)}</${p}v></${p}c>`;
				const t = cell.t === 'n' ? '' : ` t="${cell.t}"`;
				return `<${p}c${ref}${t}>${f}<${p}v>${esc(cell.v)}</${p}v></${p}c>`;
			})
			.join('');
		return `<${p}row${spec.noRefs ? '' : ` r="${r}"`}>${body}</${p}row>`;
	});
	const ns = 'http://schemas.openxmlformats.org/spreadsheetml/2006/main';
	const rel = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships';
	const xmlns = spec.prefixed ? `xmlns:x="${ns}"` : `xmlns="${ns}"`;
	const head = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n';
	const sheetNames = ['Sheet1', ...(spec.moreSheets ?? [])];
	const parts: Record<string, string> = {
		'[Content_Types].xml':
			head +
			`<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>${sheetNames.map((_, i) => `<Override PartName="/xl/worksheets/sheet${i + 1}.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>`).join('')}<Override PartName="/xl/sharedStrings.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/></Types>`,
		'_rels/.rels':
			head +
			`<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="${rel}/officeDocument" Target="xl/workbook.xml"/></Relationships>`,
		'xl/workbook.xml':
			head +
			`<${p}workbook ${xmlns} xmlns:r="${rel}">${spec.date1904 ? `<${p}workbookPr date1904="1"/>` : ''}<${p}sheets>${sheetNames.map((n, i) => `<${p}sheet name="${esc(n)}" sheetId="${i + 1}" r:id="rId${i + 10}"/>`).join('')}</${p}sheets></${p}workbook>`,
		'xl/_rels/workbook.xml.rels':
			head +
			`<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">${sheetNames.map((_, i) => `<Relationship Id="rId${i + 10}" Type="${rel}/worksheet" Target="worksheets/sheet${i + 1}.xml"/>`).join('')}<Relationship Id="rId2" Type="${rel}/sharedStrings" Target="sharedStrings.xml"/></Relationships>`,
		'xl/worksheets/sheet1.xml':
			head +
			(spec.sheetPrologue ?? '') +
			`<${p}worksheet ${xmlns}><${p}sheetData>${rows.join('')}</${p}sheetData>${
				spec.mergeCells?.length
					? `<${p}mergeCells count="${spec.mergeCells.length}">${spec.mergeCells.map((m) => `<${p}mergeCell ref="${m}"/>`).join('')}</${p}mergeCells>`
					: ''
			}</${p}worksheet>`
	};
	for (let i = 1; i < sheetNames.length; i++)
		parts[`xl/worksheets/sheet${i + 1}.xml`] =
			head +
			`<${p}worksheet ${xmlns}><${p}sheetData><${p}row r="1"><${p}c r="A1" t="inlineStr"><${p}is><${p}t>other sheet</${p}t></${p}is></${p}c></${p}row></${p}sheetData></${p}worksheet>`;
	// Shared strings last: their indexes were assigned while writing the rows.
	parts['xl/sharedStrings.xml'] =
		head +
		`<${p}sst ${xmlns} count="${strings.length}" uniqueCount="${strings.length}">${strings.map((s) => `<${p}si><${p}t xml:space="preserve">${esc(s)}</${p}t></${p}si>`).join('')}</${p}sst>`;
	return parts;
}

/** Zips XML parts (deflated) into an XLSX file. */
export const zipParts = (parts: Record<string, string>): Uint8Array =>
	zipSync(Object.fromEntries(Object.entries(parts).map(([name, text]) => [name, strToU8(text)])), {
		level: 9,
		mtime: new Date('2025-01-01T00:00:00Z')
	});

/** Builds an XLSX file from a spec. */
export const buildXlsx = (spec: XlsxSpec): Uint8Array => zipParts(xlsxParts(spec));
