/**
 * Periods of CONTRACT.md: `YYYY-MM` month, `YYYY-Qn` quarter, `YYYY-Hn` half-year, `YYYY-9M`
 * January–September, `YYYY` year. Months are written `YYYY-MM` throughout.
 */
export type Grain = 'month' | 'quarter' | 'half' | 'nine_months' | 'year';

export interface Period {
	code: string;
	grain: Grain;
	year: number;
	/** First and last month, inclusive, as `YYYY-MM`. */
	start: string;
	end: string;
	months: number;
}

export const PERIOD_FORMS =
	'YYYY-MM (month), YYYY-Qn (quarter), YYYY-Hn (half-year), YYYY-9M (January–September) or YYYY (year)';

const pattern = /^(\d{4})(?:-(?:(\d{2})|Q([1-4])|H([12])|(9M)))?$/;

/** Parses a period code; returns null for anything that is not one of the accepted forms. */
export function parsePeriod(code: string): Period | null {
	const m = pattern.exec(code);
	if (!m) return null;
	const year = Number(m[1]);
	if (year < 1900 || year > 2999) return null;
	const span = (grain: Grain, first: number, count: number): Period => ({
		code,
		grain,
		year,
		start: monthCode(year, first),
		end: monthCode(year, first + count - 1),
		months: count
	});
	if (m[2] !== undefined) {
		const month = Number(m[2]);
		return month >= 1 && month <= 12 ? span('month', month, 1) : null;
	}
	if (m[3] !== undefined) return span('quarter', (Number(m[3]) - 1) * 3 + 1, 3);
	if (m[4] !== undefined) return span('half', (Number(m[4]) - 1) * 6 + 1, 6);
	if (m[5] !== undefined) return span('nine_months', 1, 9);
	return span('year', 1, 12);
}

/** `YYYY-MM` for a year and a 1-based month (months beyond 12 roll into later years). */
export function monthCode(year: number, month: number): string {
	const index = year * 12 + (month - 1);
	const y = Math.floor(index / 12);
	const mm = (index % 12) + 1;
	return `${String(y).padStart(4, '0')}-${String(mm).padStart(2, '0')}`;
}

/** Month index (months since year 0) of `YYYY-MM` or `YYYY-MM-DD`. */
export function monthIndex(month: string): number {
	return Number(month.slice(0, 4)) * 12 + Number(month.slice(5, 7)) - 1;
}

/** Adds n months to `YYYY-MM`. */
export function addMonths(month: string, n: number): string {
	const i = monthIndex(month) + n;
	return monthCode(Math.floor(i / 12), (i % 12) + 1);
}

/** Every month from `start` to `end` inclusive. */
export function monthsBetween(start: string, end: string): string[] {
	const out: string[] = [];
	for (let i = monthIndex(start); i <= monthIndex(end); i++)
		out.push(monthCode(Math.floor(i / 12), (i % 12) + 1));
	return out;
}

/** The last month that has fully ended on `today` (`YYYY-MM-DD`). */
export function lastCompleteMonth(today: string): string {
	return addMonths(today.slice(0, 7), -1);
}

/** The period of a grain that contains a month (`YYYY-MM`). */
export function periodContaining(
	month: string,
	grain: 'month' | 'quarter' | 'half' | 'year'
): string {
	const year = month.slice(0, 4);
	const mm = Number(month.slice(5, 7));
	switch (grain) {
		case 'month':
			return month.slice(0, 7);
		case 'quarter':
			return `${year}-Q${Math.ceil(mm / 3)}`;
		case 'half':
			return `${year}-H${mm <= 6 ? 1 : 2}`;
		case 'year':
			return year;
	}
}

/** First day (`YYYY-MM-01`) of a month code. */
export function firstDay(month: string): string {
	return `${month.slice(0, 7)}-01`;
}

/** Last day (`YYYY-MM-DD`) of a month code. */
export function lastDay(month: string): string {
	const y = Number(month.slice(0, 4));
	const m = Number(month.slice(5, 7));
	// Day 0 of the next month, in UTC only as naive calendar arithmetic: no instant, no zone.
	// eslint-disable-next-line no-restricted-syntax
	const days = new Date(Date.UTC(y, m, 0)).getUTCDate();
	return `${month.slice(0, 7)}-${String(days).padStart(2, '0')}`;
}

/** True when `YYYY-MM-DD` is a real calendar date. */
export function isIsoDate(s: string): boolean {
	if (!/^\d{4}-\d{2}-\d{2}$/.test(s)) return false;
	const d = new Date(`${s}T00:00:00Z`);
	return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === s;
}
