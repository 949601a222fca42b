import type { RequestHandler } from './$types';
import { ready } from '$lib/server/app';
import { answer, csvResponse, publicJson } from '$lib/server/http/respond';
import { readParams } from '$lib/server/http/query-params';
import { UNITS_PARAMS } from '$lib/server/http/public-params';
import { methodologyUrl } from '$lib/server/http/download-about';
import { badRequest } from '$lib/server/queries/errors';
import { listUnits, type UnitRow } from '$lib/server/queries/units';
import { searchUnits, type UnitMatch } from '$lib/server/queries/search';
import { MAX_QUERY_CHARS, MIN_QUERY_CHARS, parseSearchQuery } from '$lib/domain/search';

const COLUMNS = ['code', 'name', 'level', 'parent_code', 'valid_from', 'valid_to'] as const;

type Dated = { code: string; name: string; valid_from: string | null; valid_to: string | null };

const contractRow = (u: UnitRow | UnitMatch) => ({
	code: u.code,
	name: u.name,
	level: u.level,
	parent_code: u.parent_code,
	valid_from: u.valid_from,
	valid_to: u.valid_to
});

const lineageLink = ({ code, name, valid_from, valid_to }: Dated): Dated => ({
	code,
	name,
	valid_from,
	valid_to
});

/**
 * Units valid on `at` (default today), by level and parent; with `q`, units of every era whose
 * old or new name (or code) matches, those valid on `at` first, each with its lineage.
 */
export const GET: RequestHandler = (event) =>
	answer(event, async () => {
		const q = readParams(event.url.searchParams, UNITS_PARAMS);
		const { format, at } = q;
		const level = q.level ?? undefined;
		const parentCode = q.parent ?? undefined;
		const query = parseSearchQuery(q.q);
		if (query.kind === 'invalid')
			badRequest(
				query.reason === 'control'
					? 'Parameter "q" contains a control character'
					: `Parameter "q" is too long: at most ${MAX_QUERY_CHARS} characters`
			);
		if (query.kind === 'short')
			badRequest(`Parameter "q" needs at least ${MIN_QUERY_CHARS} letters or digits`);
		const store = await ready();
		if (query.kind !== 'ok') {
			const units = await listUnits(store, { level, parentCode, at });
			const rows = units.map((u) => contractRow(u));
			if (format === 'csv')
				return csvResponse(
					`units-${at}.csv`,
					[...COLUMNS],
					rows.map((r) => COLUMNS.map((c) => r[c])),
					methodologyUrl(event.url.origin, 'harmonisation')
				);
			return publicJson(rows);
		}
		const found = await searchUnits(store, query, { at, level, parentCode });
		const rows = found.map((u) => ({
			...contractRow(u),
			current: u.current,
			predecessors: u.predecessors.map(lineageLink),
			successors: u.successors.map(lineageLink)
		}));
		if (format === 'csv')
			return csvResponse(
				'units-search.csv',
				[...COLUMNS, 'current'],
				rows.map((r) => [...COLUMNS.map((c) => r[c]), r.current]),
				methodologyUrl(event.url.origin, 'harmonisation')
			);
		return publicJson(rows);
	});
