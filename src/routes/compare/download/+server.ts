import type { RequestHandler } from './$types';
import { ready } from '$lib/server/app';
import { cachedApiAnswer } from '$lib/server/http/public-answer';
import { COMPARE_DOWNLOAD_PARAMS } from '$lib/server/http/public-params';
import { answer, csvResponse } from '$lib/server/http/respond';
import { isDemo } from '$lib/server/queries/settings';
import type { Cell } from '$lib/server/http/csv';
import { today as todayInVietnam } from '$lib/domain/clock';
import { SERIES_COLUMNS, seriesCells } from '$lib/server/http/series-columns';
import { readUnits } from '../read.server';

/** One row per indicator, unit and period: the `/api/v1/series` columns with what they are of. */
const HEADER = ['indicator', 'unit_code', 'unit_name', ...SERIES_COLUMNS];

/**
 * The compared units' series as one CSV: `/compare/download?units=A,B&grain=quarter&format=csv`,
 * the same figures as the page and as `/api/v1/series` for each unit and indicator. Like the
 * other downloads, the CSV stays a bare table: demo figures say so in the file name, and the
 * `Link: rel="describedby"` header points to the methodology. A bad parameter is a 400 with
 * `{ error }`; answers are cached per data version.
 */
export const GET: RequestHandler = (event) =>
	answer(event, async () =>
		cachedApiAnswer(event, COMPARE_DOWNLOAD_PARAMS, async (q) => {
			const store = await ready();
			const { codes, units } = await readUnits(store, q.units, q.grain, todayInVietnam());
			const rows: Cell[][] = units.indicators.flatMap(({ indicator, series }) =>
				series.flatMap((s) =>
					s.rows.map((r) => [indicator, s.unit.code, s.unit.name, ...seriesCells(r)])
				)
			);
			const demo = (await isDemo(store)) ? '-demo-data' : '';
			const name = `compare-${codes.join('-')}-${units.grain}${demo}.csv`;
			return csvResponse(name, HEADER, rows, `${event.url.origin}/methodology`);
		})
	);
