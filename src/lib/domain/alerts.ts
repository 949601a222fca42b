/**
 * What an area's leader should look at first: communes below their target, falling three
 * periods running, with a growing overdue backlog, or with reports missing. Pure: the caller
 * gives each commune's figures, this decides which alerts they raise, most serious first.
 */
import type { Better } from './indicators.ts';

export type AlertKind = 'below_target' | 'declining' | 'backlog_growing' | 'reports_missing';

export interface CommuneFigures {
	code: string;
	name: string;
	/** The indicator's value in consecutive periods, oldest first, the current one last. */
	values: (number | null)[];
	target: number | null;
	meetsTarget: boolean | null;
	/** Overdue dossiers pending at the end of the previous and of the current period. */
	overdue: [number | null, number | null];
	monthsReported: number;
	monthsExpected: number;
}

export interface Alert {
	kind: AlertKind;
	code: string;
	name: string;
	/** The figures behind the alert, for the sentence that explains it. */
	values: number[];
}

const ORDER: readonly AlertKind[] = [
	'declining',
	'below_target',
	'backlog_growing',
	'reports_missing'
];

/**
 * True when the last `runs` changes all went the wrong way (three declines need four values).
 * A missing value breaks the run: we do not call a gap a decline.
 */
export function fallingRun(values: (number | null)[], better: Better, runs = 3): boolean {
	if (better === null || values.length < runs + 1) return false;
	const tail = values.slice(-(runs + 1));
	if (tail.some((v) => v === null)) return false;
	const v = tail as number[];
	for (let k = 1; k < v.length; k++) {
		const worse = better === 'higher' ? v[k] < v[k - 1] : v[k] > v[k - 1];
		if (!worse) return false;
	}
	return true;
}

/**
 * An overdue backlog worth a leader's attention: up by at least 3 dossiers and a fifth. One
 * dossier going overdue in a small commune is noise that would bury the alerts that matter.
 */
export function backlogGrew(before: number, now: number): boolean {
	return now - before >= Math.max(3, before * 0.2);
}

/** The alerts the communes raise, most serious kind first, then by name. */
export function alertsFor(communes: CommuneFigures[], better: Better): Alert[] {
	const out: Alert[] = [];
	for (const c of communes) {
		const base = { code: c.code, name: c.name };
		const current = c.values[c.values.length - 1];
		if (fallingRun(c.values, better))
			out.push({ ...base, kind: 'declining', values: c.values.slice(-4) as number[] });
		if (c.meetsTarget === false && current !== null && c.target !== null)
			out.push({ ...base, kind: 'below_target', values: [current, c.target] });
		const [before, now] = c.overdue;
		if (before !== null && now !== null && backlogGrew(before, now))
			out.push({ ...base, kind: 'backlog_growing', values: [before, now] });
		if (c.monthsReported < c.monthsExpected)
			out.push({
				...base,
				kind: 'reports_missing',
				values: [c.monthsExpected - c.monthsReported, c.monthsExpected]
			});
	}
	return out.sort(
		(a, b) => ORDER.indexOf(a.kind) - ORDER.indexOf(b.kind) || a.name.localeCompare(b.name, 'vi')
	);
}
