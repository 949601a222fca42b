/**
 * A minimal XLSX writer for downloads and the report template: text as inline strings
 * (never formulas, so a cell starting with "=" stays text), numbers as numbers, blanks left out.
 * Written with fflate's `zipSync` and the OOXML parts Excel, LibreOffice and our reader accept.
 * The first sheet holds the data (readers of "the first sheet", ours included, find it there);
 * further sheets follow, such as a download's "About" sheet.
 */
import { zipSync, strToU8 } from 'fflate';
import type { Cell } from './csv.ts';

export interface SheetColumn {
	width: number;
	/** Format the column as text (codes with leading zeros, periods that look like dates). */
	text?: boolean;
}

export interface SheetSpec {
	name: string;
	header: string[];
	rows: Cell[][];
	columns?: SheetColumn[];
	/** Columns to keep in view when scrolling right (the header row is always frozen). */
	frozenColumns?: number;
	/** Rows written above the header, as text (a form's title, period, group headings). */
	above?: string[][];
	/** Merged ranges ("C5:F5"): the value stays in the top-left cell. */
	merges?: string[];
}

const escapeXml = (s: string) =>
	s
		.replace(/&/g, '&amp;')
		.replace(/</g, '&lt;')
		.replace(/>/g, '&gt;')
		.replace(/"/g, '&quot;')
		// Characters XML 1.0 cannot carry at all are dropped.
		// eslint-disable-next-line no-control-regex
		.replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]/g, '');

/** Spreadsheet column letters of a 0-based index: 0 → A, 27 → AB. */
export const columnName = (index: number): string => {
	let s = '';
	for (let n = index + 1; n > 0; n = Math.floor((n - 1) / 26))
		s = String.fromCharCode(65 + ((n - 1) % 26)) + s;
	return s;
};

/** Style indexes of styles.xml below. */
const STYLE = { normal: 0, header: 1, text: 2, count: 3 } as const;

function cell(ref: string, value: Cell, textColumn: boolean): string {
	if (value === null || value === undefined || value === '') return '';
	if (typeof value === 'number' && Number.isFinite(value) && !textColumn)
		return `<c r="${ref}"${Number.isInteger(value) ? ` s="${STYLE.count}"` : ''}><v>${value}</v></c>`;
	const style = textColumn ? STYLE.text : STYLE.normal;
	return `<c r="${ref}" s="${style}" t="inlineStr"><is><t xml:space="preserve">${escapeXml(String(value))}</t></is></c>`;
}

const XML = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n';
const NS_MAIN = 'http://schemas.openxmlformats.org/spreadsheetml/2006/main';
const NS_REL = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships';
const NS_PKG_REL = 'http://schemas.openxmlformats.org/package/2006/relationships';

const contentTypes = (sheets: number) =>
	`${XML}<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">
<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>
<Default Extension="xml" ContentType="application/xml"/>
<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>
${sheetNumbers(sheets)
	.map(
		(n) =>
			`<Override PartName="/xl/worksheets/sheet${n}.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>`
	)
	.join('\n')}
<Override PartName="/xl/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/>
</Types>`;

/** 1, 2, … n: sheet part numbers (sheet1.xml …) and relationship ids (rId1 …). */
const sheetNumbers = (n: number) => Array.from({ length: n }, (_, k) => k + 1);

const rootRels = `${XML}<Relationships xmlns="${NS_PKG_REL}">
<Relationship Id="rId1" Type="${NS_REL}/officeDocument" Target="xl/workbook.xml"/>
</Relationships>`;

/** A sheet name Excel accepts: at most 31 characters, none of : \\ / ? * [ ]. */
const sheetName = (name: string) => name.replace(/[:\\/?*[\]]/g, '-').slice(0, 31);

const workbook = (names: string[]) => `${XML}<workbook xmlns="${NS_MAIN}" xmlns:r="${NS_REL}">
<bookViews><workbookView/></bookViews>
<sheets>${names
	.map(
		(name, k) =>
			`<sheet name="${escapeXml(sheetName(name))}" sheetId="${k + 1}" r:id="rId${k + 1}"/>`
	)
	.join('')}</sheets>
</workbook>`;

// The sheets are rId1…rIdN; the styles come after them.
const workbookRels = (sheets: number) => `${XML}<Relationships xmlns="${NS_PKG_REL}">
${sheetNumbers(sheets)
	.map(
		(n) =>
			`<Relationship Id="rId${n}" Type="${NS_REL}/worksheet" Target="worksheets/sheet${n}.xml"/>`
	)
	.join('\n')}
<Relationship Id="rId${sheets + 1}" Type="${NS_REL}/styles" Target="styles.xml"/>
</Relationships>`;

// Fonts: 0 normal, 1 bold. cellXfs: 0 default, 1 bold header (text), 2 text (@), 3 whole number (#,##0).
const styles = `${XML}<styleSheet xmlns="${NS_MAIN}">
<fonts count="2"><font><sz val="11"/><name val="Calibri"/></font><font><b/><sz val="11"/><name val="Calibri"/></font></fonts>
<fills count="2"><fill><patternFill patternType="none"/></fill><fill><patternFill patternType="gray125"/></fill></fills>
<borders count="1"><border><left/><right/><top/><bottom/><diagonal/></border></borders>
<cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs>
<cellXfs count="4">
<xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/>
<xf numFmtId="49" fontId="1" fillId="0" borderId="0" xfId="0" applyFont="1" applyNumberFormat="1"/>
<xf numFmtId="49" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/>
<xf numFmtId="3" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/>
</cellXfs>
<cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/></cellStyles>
</styleSheet>`;

/** One worksheet part. */
function worksheet(spec: SheetSpec): string {
	const width = spec.header.length;
	const columns: SheetColumn[] = spec.columns ?? spec.header.map(() => ({ width: 14 }));
	const headed = (texts: string[], r: number) =>
		`<row r="${r}">${texts
			.map((h, i) =>
				h === ''
					? ''
					: `<c r="${columnName(i)}${r}" s="${STYLE.header}" t="inlineStr"><is><t xml:space="preserve">${escapeXml(h)}</t></is></c>`
			)
			.join('')}</row>`;
	const above = spec.above ?? [];
	const top = above.length + 1;
	const header = [...above.map((texts, k) => headed(texts, k + 1)), headed(spec.header, top)].join(
		'\n'
	);
	const rows = spec.rows.map((row, k) => {
		const r = k + top + 1;
		return `<row r="${r}">${row.map((v, i) => cell(`${columnName(i)}${r}`, v, Boolean(columns[i]?.text))).join('')}</row>`;
	});
	const cols = columns
		.map(
			(c, i) =>
				`<col min="${i + 1}" max="${i + 1}" width="${c.width}"${c.text ? ` style="${STYLE.text}"` : ''} customWidth="1"/>`
		)
		.join('');
	const frozen = spec.frozenColumns ?? 0;
	const pane = frozen
		? `<pane ySplit="${top}" xSplit="${frozen}" topLeftCell="${columnName(frozen)}${top + 1}" activePane="bottomRight" state="frozen"/>`
		: `<pane ySplit="${top}" topLeftCell="A${top + 1}" activePane="bottomLeft" state="frozen"/>`;
	const merges = spec.merges?.length
		? `\n<mergeCells count="${spec.merges.length}">${spec.merges.map((m) => `<mergeCell ref="${m}"/>`).join('')}</mergeCells>`
		: '';
	return `${XML}<worksheet xmlns="${NS_MAIN}" xmlns:r="${NS_REL}">
<dimension ref="A1:${columnName(Math.max(0, width - 1))}${spec.rows.length + top}"/>
<sheetViews><sheetView workbookViewId="0">${pane}</sheetView></sheetViews>
<sheetFormatPr defaultRowHeight="15"/>
<cols>${cols}</cols>
<sheetData>${[header, ...rows].join('\n')}</sheetData>${merges}
</worksheet>`;
}

/** Builds a workbook: `spec` is the first sheet, `more` follow it in order. */
export function writeWorkbook(spec: SheetSpec, more: SheetSpec[] = []): Uint8Array {
	const sheets = [spec, ...more];
	return zipSync(
		{
			'[Content_Types].xml': strToU8(contentTypes(sheets.length)),
			'_rels/.rels': strToU8(rootRels),
			'xl/workbook.xml': strToU8(workbook(sheets.map((s) => s.name))),
			'xl/_rels/workbook.xml.rels': strToU8(workbookRels(sheets.length)),
			'xl/styles.xml': strToU8(styles),
			...Object.fromEntries(
				sheets.map((s, k) => [`xl/worksheets/sheet${k + 1}.xml`, strToU8(worksheet(s))])
			)
		},
		{ level: 6, mtime: new Date('2025-01-01T00:00:00Z') }
	);
}
