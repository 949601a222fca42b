/**
 * GET /import/ii06a[?period=YYYY-MM]: the blank Biểu số II.06a of the editor's area (its
 * communes by name, the period in its header; default the last complete month), to fill in and
 * upload on /import as it is. Private: only a user who may edit gets it, and it is never cached.
 */
import { error, type RequestHandler } from '@sveltejs/kit';
import { ready } from '$lib/server/app';
import { authorize } from '$lib/server/auth/guard';
import { blankFormFor } from '$lib/server/services/import/ii06a-form';
import { lastCompleteMonth } from '$lib/domain/periods';
import { thisMonth, today } from '$lib/domain/clock';

export const GET: RequestHandler = async (event) => {
	const user = await authorize(event, 'edit');
	const asked = event.url.searchParams.get('period');
	if (asked !== null && !/^\d{4}-(0[1-9]|1[0-2])$/.test(asked))
		error(400, `period "${asked.slice(0, 20)}" is not a month: write YYYY-MM, e.g. 2025-07`);
	if (asked !== null && asked > thisMonth()) error(400, `period ${asked} is in the future`);
	const month = asked ?? lastCompleteMonth(today());
	const body = await blankFormFor(await ready(), user.unitCode, month);
	return new Response(new Uint8Array(body), {
		headers: {
			'content-type': 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
			'content-disposition': `attachment; filename="II.06a-${user.unitCode ?? 'all'}-${month}.xlsx"`,
			'cache-control': 'private, no-store'
		}
	});
};
