import type { RequestHandler } from './$types';
import { ready } from '$lib/server/app';
import { cachedApiAnswer } from '$lib/server/http/public-answer';
import { VALUES_PARAMS } from '$lib/server/http/public-params';
import { answer, publicJson, tableDownload, xlsxResponse } from '$lib/server/http/respond';
import {
	aboutFields,
	aboutMetadata,
	aboutReadme,
	aboutSheet,
	mapPageUrl,
	methodologyUrl
} from '$lib/server/http/download-about';
import { findIndicator } from '$lib/domain/indicators';
import type { ValueRow } from '$lib/server/queries/values';
import { cachedValuesFor } from '$lib/server/queries/values-cached';
import { shapesOf } from '$lib/server/queries/geometry';
import { isDemo } from '$lib/server/queries/settings';

/**
 * The columns of a CSV or XLSX download, in order. The unit's validity and era come last, so
 * the columns of files made before they were added keep their places.
 */
const TABLE_COLUMNS = [
	'unit_code',
	'unit_name',
	'value',
	'numerator',
	'denominator',
	'months_reported',
	'months_expected',
	'low_confidence',
	'rank',
	'band',
	'target',
	'meets_target',
	'valid_from',
	'valid_to',
	'era'
] as const satisfies readonly (keyof ValueRow)[];

/** The second sheet of an XLSX download: what it is (an Excel sheet name cannot hold "/"). */
const ABOUT_SHEET = 'Giải thích - About';
const ABOUT_COLUMNS = [{ width: 18 }, { width: 30 }, { width: 70 }, { width: 70 }];

/** Figures of one indicator for every unit of a level in a period (CONTRACT.md). */
export const GET: RequestHandler = (event) =>
	answer(event, async () =>
		cachedApiAnswer(event, VALUES_PARAMS, async (q) => {
			const format = q.format;
			const store = await ready();
			const result = await cachedValuesFor(store, {
				indicator: q.indicator,
				period: q.period,
				level: q.level,
				parent: q.parent,
				asOf: q.as_of
			});
			const { unitIds, ...body } = result;
			const demo = await isDemo(store);
			// What the file is, said inside it (XLSX sheet, ZIP README, GeoJSON metadata).
			const about = (geometrySources?: string[]) =>
				aboutFields({
					indicator: findIndicator(body.indicator)!,
					period: body.period,
					level: body.level,
					parent: q.parent,
					asOf: body.as_of,
					mergedOnto: body.merged_onto,
					demo,
					geometrySources,
					apiUrl: event.url.href,
					pageUrl: mapPageUrl(event.url.origin, body)
				});
			if (format === 'csv' || format === 'zip' || format === 'xlsx') {
				const header = [...TABLE_COLUMNS];
				const rows = body.rows.map((r) => TABLE_COLUMNS.map((c) => r[c]));
				// Demo figures say so in the file name, since a CSV has no room for a caption.
				const name = `${body.indicator}-${body.period}-${body.level}${body.as_of ? `-as-of-${body.as_of}` : ''}${demo ? '-demo-data' : ''}`;
				if (format !== 'xlsx')
					return tableDownload(
						format,
						name,
						{ header, rows },
						{
							describedBy: methodologyUrl(event.url.origin, body.indicator),
							readme: (csvName) => aboutReadme(about(), csvName)
						}
					);
				return xlsxResponse(
					`${name}.xlsx`,
					header,
					rows,
					[{ width: 10, text: true }, { width: 28 }, ...header.slice(2).map(() => ({ width: 14 }))],
					[{ name: ABOUT_SHEET, ...aboutSheet(about()), columns: ABOUT_COLUMNS }]
				);
			}
			if (format === 'geojson') {
				const shapes = await shapesOf(store, unitIds);
				return publicJson(
					{
						type: 'FeatureCollection',
						indicator: body.indicator,
						period: body.period,
						level: body.level,
						as_of: body.as_of,
						merged_onto: body.merged_onto,
						demo,
						metadata: aboutMetadata(
							about([...new Set([...shapes.values()].flatMap((s) => s.source ?? []))].sort())
						),
						features: body.rows.map((r, k) => ({
							type: 'Feature',
							id: r.unit_code,
							properties: { ...r, geometry_source: shapes.get(unitIds[k])?.source ?? null },
							geometry: shapes.get(unitIds[k])?.geometry ?? null
						}))
					},
					'application/geo+json'
				);
			}
			return publicJson({ ...body, demo });
		})
	);
