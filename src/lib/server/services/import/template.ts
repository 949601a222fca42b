/**
 * The downloadable report template: an XLSX workbook with one sheet, Vietnamese headers
 * (`Mã đơn vị`, `Tên đơn vị`, `Kỳ báo cáo`, then one column per measure under its Vietnamese
 * name, which the importer maps back through columns.ts), and one row per unit with its code, name
 * and the period filled in and the figure cells left empty.
 *
 * Codes and the period are written as inline strings and their columns are formatted as text, so
 * Excel keeps the leading zero of 03386 and does not turn 2025-07 into a date. Written with
 * fflate's `zipSync` and the minimal OOXML parts Excel, LibreOffice and our own reader accept.
 */
import { zipSync, strToU8 } from 'fflate';
import { MEASURES } from '../../../domain/measures.ts';
import { TEMPLATE_HEADERS } from './columns.ts';

export interface TemplateOptions {
	units: { code: string; name: string }[];
	/** YYYY-MM */
	period: string;
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

const column = (index: number): string => {
	let s = '';
	for (let n = index + 1; n > 0; n = Math.floor((n - 1) / 26))
		s = String.fromCharCode(65 + ((n - 1) % 26)) + s;
	return s;
};

/** Style indexes of styles.xml below. */
const STYLE = { header: 1, text: 2, count: 3 } as const;

const inline = (ref: string, text: string, style: number) =>
	`<c r="${ref}" s="${style}" t="inlineStr"><is><t xml:space="preserve">${escapeXml(text)}</t></is></c>`;

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

const workbook = `${XML}<workbook xmlns="${NS_MAIN}" xmlns:r="${NS_REL}">
<bookViews><workbookView/></bookViews>
<sheets><sheet name="Báo cáo" sheetId="1" r:id="rId1"/></sheets>
</workbook>`;

const workbookRels = `${XML}<Relationships xmlns="${NS_PKG_REL}">
<Relationship Id="rId1" Type="${NS_REL}/worksheet" Target="worksheets/sheet1.xml"/>
<Relationship Id="rId2" Type="${NS_REL}/styles" Target="styles.xml"/>
</Relationships>`;

// Fonts: 0 normal, 1 bold. cellXfs: 0 default, 1 bold header (text), 2 text (@), 3 whole number (#,##0 → 1 = "0").
const styles = `${XML}<styleSheet xmlns="${NS_MAIN}">
<fonts count="2"><font><sz val="11"/><name val="Calibri"/></font><font><b/><sz val="11"/><name val="Calibri"/></font></fonts>
<fills count="2"><fill><patternFill patternType="none"/></fill><fill><patternFill patternType="gray125"/></fill></fills>
<borders count="1"><border><left/><right/><top/><bottom/><diagonal/></border></borders>
<cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs>
<cellXfs count="4">
<xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/>
<xf numFmtId="49" fontId="1" fillId="0" borderId="0" xfId="0" applyFont="1" applyNumberFormat="1"/>
<xf numFmtId="49" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/>
<xf numFmtId="1" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/>
</cellXfs>
<cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/></cellStyles>
</styleSheet>`;

/** Builds the template workbook for the given units and month. */
export function buildTemplate(options: TemplateOptions): Uint8Array {
	if (!/^\d{4}-(0[1-9]|1[0-2])$/.test(options.period))
		throw new Error(`period must be YYYY-MM, got "${options.period}"`);
	const headers = [
		TEMPLATE_HEADERS.unit_code,
		TEMPLATE_HEADERS.unit_name,
		TEMPLATE_HEADERS.period,
		...MEASURES.map((m) => m.name.vi)
	];
	const rows: string[] = [
		`<row r="1">${headers.map((h, i) => inline(`${column(i)}1`, h, STYLE.header)).join('')}</row>`
	];
	options.units.forEach((u, i) => {
		const r = i + 2;
		rows.push(
			`<row r="${r}">${inline(`A${r}`, u.code, STYLE.text)}${inline(`B${r}`, u.name, STYLE.text)}${inline(`C${r}`, options.period, STYLE.text)}</row>`
		);
	});
	const last = column(headers.length - 1);
	const cols = [
		`<col min="1" max="1" width="12" style="${STYLE.text}" customWidth="1"/>`,
		`<col min="2" max="2" width="28" style="${STYLE.text}" customWidth="1"/>`,
		`<col min="3" max="3" width="12" style="${STYLE.text}" customWidth="1"/>`,
		`<col min="4" max="${headers.length}" width="16" style="${STYLE.count}" customWidth="1"/>`
	].join('');
	const sheet = `${XML}<worksheet xmlns="${NS_MAIN}" xmlns:r="${NS_REL}">
<dimension ref="A1:${last}${Math.max(1, options.units.length + 1)}"/>
<sheetViews><sheetView workbookViewId="0"><pane ySplit="1" xSplit="3" topLeftCell="D2" activePane="bottomRight" state="frozen"/></sheetView></sheetViews>
<sheetFormatPr defaultRowHeight="15"/>
<cols>${cols}</cols>
<sheetData>${rows.join('\n')}</sheetData>
</worksheet>`;
	return zipSync(
		{
			'[Content_Types].xml': strToU8(contentTypes),
			'_rels/.rels': strToU8(rootRels),
			'xl/workbook.xml': strToU8(workbook),
			'xl/_rels/workbook.xml.rels': strToU8(workbookRels),
			'xl/styles.xml': strToU8(styles),
			'xl/worksheets/sheet1.xml': strToU8(sheet)
		},
		{ level: 6, mtime: new Date('2025-01-01T00:00:00Z') }
	);
}
