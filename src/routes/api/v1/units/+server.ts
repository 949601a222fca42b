import type { RequestHandler } from './$types';
import { ready } from '$lib/server/app';
import { answer, csvResponse, formatOf, publicJson } from '$lib/server/http/respond';
import { listUnits, parseLevel } from '$lib/server/queries/units';
import { optionalDate } from '$lib/server/queries/values';
import { today } from '$lib/domain/clock';

/** Units valid on `at` (default today), by level and parent. */
export const GET: RequestHandler = (event) =>
	answer(event, async () => {
		const q = event.url.searchParams;
		const format = formatOf(event.url, ['json', 'csv']);
		const level = q.get('level') ? parseLevel(q.get('level')) : undefined;
		const at = optionalDate('at', q.get('at')) ?? today();
		const store = await ready();
		const units = await listUnits(store, { level, parentCode: q.get('parent') ?? undefined, at });
		const rows = units.map((u) => ({
			code: u.code,
			name: u.name,
			level: u.level,
			parent_code: u.parent_code,
			valid_from: u.valid_from,
			valid_to: u.valid_to
		}));
		if (format === 'csv')
			return csvResponse(
				`units-${at}.csv`,
				['code', 'name', 'level', 'parent_code', 'valid_from', 'valid_to'],
				rows.map((r) => [r.code, r.name, r.level, r.parent_code, r.valid_from, r.valid_to])
			);
		return publicJson(rows);
	});
