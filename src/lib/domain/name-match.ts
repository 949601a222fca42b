/**
 * A unit named in a form ("Xã Mường Than", "Mường Than", "MUONG THAN", "Thị trấn Than Uyên")
 * → the unit it names among candidates (the communes of a province), diacritics, case and the
 * type word ("Xã", "Phường", "Thị trấn") aside. When the type word is given it decides between
 * namesakes; an unknown name comes back with the nearest names, to say what was meant.
 */
import { nameKeys } from './search.ts';

export type NameMatch<T> =
	{ kind: 'one'; unit: T } | { kind: 'several'; units: T[] } | { kind: 'none'; nearest: T[] };

/** Edit distance (insertions, deletions, substitutions), for the nearest names. */
export function editDistance(a: string, b: string): number {
	let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
	for (let i = 1; i <= a.length; i++) {
		const current = [i];
		for (let j = 1; j <= b.length; j++)
			current[j] = Math.min(
				previous[j] + 1,
				current[j - 1] + 1,
				previous[j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1)
			);
		previous = current;
	}
	return previous[b.length];
}

const ABBREVIATIONS: Record<string, string> = { tt: 'thi tran', tx: 'thi xa', tp: 'thanh pho' };

/** The name's keys with an abbreviated type written out ("TT Than Uyên" → "thi tran than uyen"). */
function keysOf(name: string) {
	const { full, core } = nameKeys(name);
	const first = full.split(' ', 1)[0];
	return {
		full: first in ABBREVIATIONS ? ABBREVIATIONS[first] + full.slice(first.length) : full,
		core
	};
}

/** Finds candidates by name; builds its index once (`matcher(units)(name)`). */
export function matcher<T extends { name: string }>(units: readonly T[], nearestCount = 3) {
	const keyed = units.map((unit) => ({ unit, ...keysOf(unit.name) }));
	return (name: string): NameMatch<T> => {
		const { full, core } = keysOf(name);
		const exact = keyed.filter((k) => k.full === full);
		if (exact.length === 1) return { kind: 'one', unit: exact[0].unit };
		const same = exact.length ? exact : keyed.filter((k) => k.core === core);
		if (same.length === 1) return { kind: 'one', unit: same[0].unit };
		if (same.length > 1) return { kind: 'several', units: same.map((k) => k.unit) };
		const nearest = keyed
			.map((k) => ({ unit: k.unit, d: editDistance(core, k.core) }))
			.sort((a, b) => a.d - b.d || a.unit.name.localeCompare(b.unit.name, 'vi'))
			.slice(0, nearestCount)
			.map((k) => k.unit);
		return { kind: 'none', nearest };
	};
}
