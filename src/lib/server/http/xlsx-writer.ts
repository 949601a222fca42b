/**
 * A minimal XLSX writer (one sheet) for downloads and the report template: text as inline strings
 * (never formulas, so a cell starting with "=" stays text), numbers as numbers, blanks left out.
 * Written with fflate's `zipSync` and the OOXML parts Excel, LibreOffice and our reader accept.
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

const contentTypes = `${XML}<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">
<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>
<Default Extension="xml" ContentType="application/xml"/>
<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>
<Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>
<Override PartName="/xl/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/>
</Types>`;

const rootRels = `${XML}<Relationships xmlns="${NS_PKG_REL}">
<Relationship Id="rId1" Type="${NS_REL}/officeDocument" Target="xl/workbook.xml"/>
</Relationships>`;

const workbook = (name: string) => `${XML}<workbook xmlns="${NS_MAIN}" xmlns:r="${NS_REL}">
<bookViews><workbookView/></bookViews>
<sheets><sheet name="${escapeXml(name.slice(0, 31))}" sheetId="1" r:id="rId1"/></sheets>
</workbook>`;

const workbookRels = `${XML}<Relationships xmlns="${NS_PKG_REL}">
<Relationship Id="rId1" Type="${NS_REL}/worksheet" Target="worksheets/sheet1.xml"/>
<Relationship Id="rId2" Type="${NS_REL}/styles" Target="styles.xml"/>
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

/** Builds a one-sheet workbook. */
export function writeWorkbook(spec: SheetSpec): Uint8Array {
	const width = spec.header.length;
	const columns: SheetColumn[] = spec.columns ?? spec.header.map(() => ({ width: 14 }));
	const header = `<row r="1">${spec.header
		.map(
			(h, i) =>
				`<c r="${columnName(i)}1" s="${STYLE.header}" t="inlineStr"><is><t xml:space="preserve">${escapeXml(h)}</t></is></c>`
		)
		.join('')}</row>`;
	const rows = spec.rows.map((row, k) => {
		const r = k + 2;
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
		? `<pane ySplit="1" xSplit="${frozen}" topLeftCell="${columnName(frozen)}2" activePane="bottomRight" state="frozen"/>`
		: '<pane ySplit="1" topLeftCell="A2" activePane="bottomLeft" state="frozen"/>';
	const sheet = `${XML}<worksheet xmlns="${NS_MAIN}" xmlns:r="${NS_REL}">
<dimension ref="A1:${columnName(Math.max(0, width - 1))}${spec.rows.length + 1}"/>
<sheetViews><sheetView workbookViewId="0">${pane}</sheetView></sheetViews>
<sheetFormatPr defaultRowHeight="15"/>
<cols>${cols}</cols>
<sheetData>${[header, ...rows].join('\n')}</sheetData>
</worksheet>`;
	return zipSync(
		{
			'[Content_Types].xml': strToU8(contentTypes),
			'_rels/.rels': strToU8(rootRels),
			'xl/workbook.xml': strToU8(workbook(spec.name)),
			'xl/_rels/workbook.xml.rels': strToU8(workbookRels),
			'xl/styles.xml': strToU8(styles),
			'xl/worksheets/sheet1.xml': strToU8(sheet)
		},
		{ level: 6, mtime: new Date('2025-01-01T00:00:00Z') }
	);
}
