/**
 * Finding a unit by name: what a query may be, the keys a name is compared on, how well a name
 * matches and the order of the results. People type names without diacritics ("muong than"),
 * with or without the unit type in front ("xã …", "huyện …"), in any case; all of these must
 * find the same units. Codes are reused across the 2025 merger, so one name or code can be
 * several units: today's come first.
 */
import { searchKey } from './text.ts';

/** Fewer letters than this match too much to be useful. */
export const MIN_QUERY_CHARS = 2;
/** The longest unit name is ~30 characters; a longer query is a mistake or an attack. */
export const MAX_QUERY_CHARS = 100;

/** A query as read from a URL: nothing, too short, refused, or keys to match. */
export type SearchQuery =
	| { kind: 'empty' }
	| { kind: 'short'; text: string }
	| { kind: 'invalid'; reason: 'control' | 'long' }
	| {
			kind: 'ok';
			/** As typed: trimmed, spaces folded, NFC (for the search box and the page title). */
			text: string;
			/** Without diacritics and punctuation, the type prefix kept. */
			full: string;
			/** {@link full} without the type prefix. */
			core: string;
			words: string[];
	  };

export type ValidQuery = Extract<SearchQuery, { kind: 'ok' }>;

// Longest first, so "thị xã" is not read as "thị" + "xã"; abbreviations as written in reports.
const PREFIXES = [
	'thi tran',
	'thi xa',
	'thanh pho',
	'phuong',
	'huyen',
	'tinh',
	'xa',
	'tp',
	'tt',
	'tx'
];
const PREFIX = new RegExp(`^(?:${PREFIXES.join('|')}) (?=.)`);

// C0 and C1 controls: never part of a name, and unsafe to echo into logs.
// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u001f\u007f-\u009f]/;

/** The keys a name is compared on: "Xã Mường Than" → full "xa muong than", core "muong than". */
export function nameKeys(name: string): { full: string; core: string } {
	const full = searchKey(name.replace(/[.,;:()/-]/g, ' '));
	return { full, core: full.replace(PREFIX, '') };
}

/** Reads the `q` parameter of the search page and of `/api/v1/units`. */
export function parseSearchQuery(raw: string | null | undefined): SearchQuery {
	if (raw == null) return { kind: 'empty' };
	if (CONTROL.test(raw)) return { kind: 'invalid', reason: 'control' };
	if (raw.length > MAX_QUERY_CHARS) return { kind: 'invalid', reason: 'long' };
	const text = raw.normalize('NFC').replace(/\s+/g, ' ').trim();
	if (!text) return { kind: 'empty' };
	const { full, core } = nameKeys(text);
	if (core.length < MIN_QUERY_CHARS) return { kind: 'short', text };
	return { kind: 'ok', text, full, core, words: core.split(' ') };
}

/**
 * How well a unit matches, best first: 0 the name as typed (type included) or the code, 1 the
 * name without its type, 2 the start of the name, 3 the start of a later word, 4 anywhere in
 * the name, 5 every word in any order; null for no match.
 */
export function matchTier(query: ValidQuery, unit: { name: string; code: string }): number | null {
	const name = nameKeys(unit.name);
	if (name.full === query.full || unit.code === query.text) return 0;
	if (name.core === query.core) return 1;
	if (name.core.startsWith(query.core)) return 2;
	if (` ${name.core}`.includes(` ${query.core}`)) return 3;
	if (name.full.includes(query.core)) return 4;
	const words = name.core.split(' ');
	if (query.words.every((q) => words.some((w) => w.startsWith(q)))) return 5;
	return null;
}

const LEVEL_ORDER = { commune: 0, district: 1, province: 2 } as const;

export interface Rankable {
	code: string;
	name: string;
	level: keyof typeof LEVEL_ORDER;
	/** In force today (or on the date asked). */
	current: boolean;
	valid_to: string | null;
}

/**
 * The units that match, in the order people expect: units in force first, then by
 * {@link matchTier}, then names spelt exactly as typed, then the most recently ended, communes
 * before districts and provinces, then by name and code.
 */
export function rankMatches<T extends Rankable>(
	query: ValidQuery,
	units: T[],
	limit = Infinity
): T[] {
	const typed = query.text.toLowerCase();
	return units
		.map((unit) => ({
			unit,
			tier: matchTier(query, unit),
			// "thân" means Thân Thuộc before Than Uyên; "than" the other way round.
			literal: unit.name.normalize('NFC').toLowerCase().includes(typed)
		}))
		.filter((m): m is { unit: T; tier: number; literal: boolean } => m.tier !== null)
		.sort(
			(a, b) =>
				Number(b.unit.current) - Number(a.unit.current) ||
				a.tier - b.tier ||
				Number(b.literal) - Number(a.literal) ||
				(b.unit.valid_to ?? '9999-12-31').localeCompare(a.unit.valid_to ?? '9999-12-31') ||
				LEVEL_ORDER[a.unit.level] - LEVEL_ORDER[b.unit.level] ||
				a.unit.name.localeCompare(b.unit.name, 'vi') ||
				a.unit.code.localeCompare(b.unit.code)
		)
		.slice(0, limit)
		.map((m) => m.unit);
}
