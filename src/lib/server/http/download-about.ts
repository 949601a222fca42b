/**
 * What a download is, said in the download itself: the indicator (name, definition, formula,
 * unit, direction, threshold), the view (period, level, parent, as_of, or the unit of a series),
 * source, licences and attribution, the demo statement when the figures are generated, when it
 * was made and where it came from (the API URL, the page showing it, the methodology entry).
 * One list of fields, rendered three ways: the XLSX "About" sheet, the ZIP's README.txt and the
 * GeoJSON `metadata` object. Texts come from the catalogue and src/lib/i18n, in both languages
 * (a file has no `?lang=`).
 */
import type { Indicator, IndicatorCode } from '$lib/domain/indicators';
import { viewSearch, type Level } from '$lib/state/map-view';
import { formatPeriod, type Locale } from '$lib/domain/format';
import { formatInstant, now } from '$lib/domain/clock';
import { attributionLine, LOCALES, t, type MessageKey } from '$lib/i18n';
import { directionText, formulaText, thresholdText, unitText } from '$lib/i18n/indicator-text';
import { methodCopy } from '$lib/i18n/methodology-copy';
import { findIndicator } from '$lib/domain/indicators';
import type { Cell } from './csv.ts';

type Bilingual = { vi: string; en: string };

export interface AboutField {
	/** Machine name (GeoJSON `metadata` key, first column of the About sheet). */
	key: string;
	label: Bilingual;
	/** Null when the view has none (no parent, no as_of): written as "—". */
	value: string | Bilingual | null;
}

/** The view a download holds. */
export interface DownloadView {
	indicator: Indicator;
	/** `/api/v1/values`: period, level, parent, as_of, and the date the period was merged onto. */
	period?: string;
	level?: string;
	parent?: string | null;
	asOf?: string | null;
	mergedOnto?: string | null;
	/** `/api/v1/series`: the unit and the span. */
	unit?: { code: string; name: string };
	span?: { from: string; to: string; grain: string };
	demo: boolean;
	/** Geometry sources of the shapes in the file (GeoJSON only). */
	geometrySources?: string[];
	/** The request's URL, and the public page showing the same view. */
	apiUrl: string;
	pageUrl: string;
}

const both = (text: (locale: Locale) => string): Bilingual => ({ vi: text('vi'), en: text('en') });
const message = (key: MessageKey, params?: Record<string, string | number>) =>
	both((locale) => t(locale, key, params));
const label = (vi: string, en: string): Bilingual => ({ vi, en });

/** The methodology entry of an indicator, as an absolute URL. */
export function methodologyUrl(origin: string, indicator: string): string {
	return `${origin}/methodology#${indicator}`;
}

/** The fields describing a download of `view`, in reading order. */
export function aboutFields(view: DownloadView): AboutField[] {
	const { indicator } = view;
	const origin = new URL(view.apiUrl).origin;
	const scoring = indicator.scoring;
	const composite = scoring ? findIndicator(scoring.composite) : undefined;
	const fields: AboutField[] = [
		{ key: 'indicator', label: label('Mã chỉ tiêu', 'Indicator code'), value: indicator.code },
		{ key: 'indicator_name', label: label('Chỉ tiêu', 'Indicator'), value: indicator.name },
		{ key: 'definition', label: label('Định nghĩa', 'Definition'), value: indicator.formula },
		{
			key: 'formula',
			label: label('Công thức', 'Formula'),
			value: both((l) => formulaText(indicator, l))
		},
		{
			key: 'unit',
			label: label('Đơn vị', 'Unit'),
			value: both((l) => `${unitText(indicator.unit, l)} [${indicator.unit}]`)
		},
		{
			key: 'direction',
			label: label('Chiều tốt hơn', 'Direction'),
			value: both((l) => directionText(indicator.better, l))
		},
		{
			key: 'threshold_points',
			label: label('Ngưỡng và điểm', 'Threshold and points'),
			value:
				scoring && composite
					? both(
							(l) =>
								`${thresholdText(scoring.threshold, indicator.unit, l)}: ${scoring.points} ${methodCopy(l).text('pointsOf', { composite: composite.name[l] })}`
						)
					: null
		}
	];
	if (view.period !== undefined)
		fields.push({
			key: 'period',
			label: label('Kỳ báo cáo', 'Period'),
			value: both((l) => `${formatPeriod(view.period!, l)} (${view.period})`)
		});
	if (view.level !== undefined)
		fields.push(
			{
				key: 'level',
				label: label('Cấp đơn vị', 'Level'),
				value: both((l) => `${t(l, `level.${view.level}` as MessageKey)} (${view.level})`)
			},
			{ key: 'parent', label: label('Trực thuộc', 'Parent'), value: view.parent ?? null },
			{ key: 'as_of', label: label('Trên các đơn vị ngày', 'As of'), value: view.asOf ?? null }
		);
	if (view.mergedOnto)
		fields.push({
			key: 'merged_onto',
			label: label('Cộng dồn về', 'Merged onto'),
			value: message('notice.merged', { date: view.mergedOnto })
		});
	if (view.unit)
		fields.push({
			key: 'administrative_unit',
			label: label('Đơn vị hành chính', 'Administrative unit'),
			value: `${view.unit.name} (${view.unit.code})`
		});
	if (view.span)
		fields.push({
			key: 'span',
			label: label('Khoảng thời gian', 'Span'),
			value: `${view.span.from} – ${view.span.to} (${view.span.grain})`
		});
	const sources = view.geometrySources ?? [];
	fields.push(
		{
			key: 'source',
			label: label('Nguồn số liệu', 'Source'),
			value: view.demo ? message('demo.note') : both((l) => methodCopy(l).text('sourcesFigures'))
		},
		{
			key: 'licence',
			label: label('Giấy phép', 'Licence'),
			value: both((l) => {
				const c = methodCopy(l);
				const lines = [c.text('licenceCodes')];
				if (sources.includes('gadm')) lines.push(c.text('licenceGadm'));
				if (sources.includes('gisvn')) lines.push(c.text('licenceGisvn'));
				return lines.join(' ');
			})
		},
		{
			key: 'attribution',
			label: label('Ghi nguồn', 'Attribution'),
			value: both((l) =>
				[
					t(l, 'attr.codes'),
					...sources.map((s) => attributionLine(s, l)),
					t(l, 'attr.method')
				].join('\n')
			)
		}
	);
	if (view.demo)
		fields.push({
			key: 'demo',
			label: label('Dữ liệu minh họa', 'Demo data'),
			value: both((l) => `${t(l, 'demo')}: ${t(l, 'demo.note')}`)
		});
	fields.push(
		{
			key: 'generated_at',
			label: label('Tạo lúc (giờ Việt Nam, UTC+7)', 'Generated at (Vietnam time, UTC+7)'),
			value: formatInstant(new Date(now()).toISOString(), true)
		},
		{ key: 'api_url', label: label('Địa chỉ API', 'API URL'), value: view.apiUrl },
		{ key: 'page_url', label: label('Trang hiển thị', 'Page'), value: view.pageUrl },
		{
			key: 'methodology_url',
			label: label('Phương pháp tính', 'Methodology'),
			value: methodologyUrl(origin, indicator.code)
		}
	);
	return fields;
}

const NONE = '—';
const inLocale = (value: AboutField['value'], locale: Locale): string =>
	value === null ? NONE : typeof value === 'string' ? value : value[locale];

/** The About sheet of an XLSX download: key, field, Vietnamese, English. */
export function aboutSheet(fields: AboutField[]): { header: string[]; rows: Cell[][] } {
	return {
		header: ['key', 'Mục / Field', 'Tiếng Việt', 'English'],
		rows: fields.map((f) => [
			f.key,
			`${f.label.vi} / ${f.label.en}`,
			inLocale(f.value, 'vi'),
			inLocale(f.value, 'en')
		])
	};
}

/** README.txt of a ZIP download: what the CSV is, then every field, in Vietnamese then English. */
export function aboutReadme(fields: AboutField[], csvName: string): string {
	const intro: Bilingual = {
		vi: `${csvName}: bảng số liệu CSV (RFC 4180, UTF-8 có BOM), dòng đầu là tên cột.`,
		en: `${csvName}: a CSV table (RFC 4180, UTF-8 with BOM); its first line is the header.`
	};
	const heading: Bilingual = { vi: 'Tiếng Việt', en: 'English' };
	const blocks = LOCALES.map((l) =>
		[
			heading[l],
			'='.repeat(heading[l].length),
			intro[l],
			'',
			...fields.map((f) => `${f.label[l]}: ${inLocale(f.value, l).replace(/\n/g, '\n  ')}`)
		].join('\r\n')
	);
	return `${blocks.join('\r\n\r\n')}\r\n`;
}

/** The GeoJSON `metadata` object: every field by key, in both languages where it has words. */
export function aboutMetadata(fields: AboutField[]): Record<string, AboutField['value']> {
	return Object.fromEntries(fields.map((f) => [f.key, f.value]));
}

/** The map page showing a view of `/api/v1/values`, as an absolute URL. */
export function mapPageUrl(
	origin: string,
	view: { indicator: string; period: string; level: Level; as_of: string | null }
): string {
	const search = viewSearch({
		indicator: view.indicator as IndicatorCode,
		period: view.period,
		level: view.level,
		asOf: view.as_of
	});
	return `${origin}/${search}`;
}

/** A unit's page charting an indicator, as an absolute URL (`at` names a reused code's version). */
export function unitPageUrl(origin: string, unit: string, indicator: string, at: string | null) {
	const q = new URLSearchParams({ indicator });
	if (at) q.set('at', at);
	return `${origin}/units/${unit}?${q}#history`;
}
