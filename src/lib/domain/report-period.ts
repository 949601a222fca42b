/**
 * The reporting period of an official form ("Kỳ báo cáo: Tháng 7/2025 (Từ ngày 15/06/2025 đến
 * ngày 14/07/2025)") and the month its figures are filed under. Many provinces close their
 * monthly report on the 14th (Thông tư 01/2020/TT-VPCP counts from the 15th of the previous
 * month to the 14th), so a period need not be a calendar month.
 *
 * The rule: a period of one month's length (25 to 35 days) is filed under the month that
 * contains its END date (15/06–14/07 is July, as the form itself calls it); its real dates are
 * kept and shown. A longer period (a quarter, a half-year) cannot be split into months and is
 * refused.
 */
import { lastDay } from './periods.ts';
import { searchKey } from './text.ts';

export interface ReportingPeriod {
	/** YYYY-MM-DD */
	from: string;
	/** YYYY-MM-DD */
	to: string;
	/** YYYY-MM: the month the figures are filed under. */
	month: string;
	/** True when from–to is exactly that calendar month. */
	calendar: boolean;
}

export type PeriodReading = { ok: true; period: ReportingPeriod } | { ok: false; message: string };

const SHORTEST_DAYS = 25;
const LONGEST_DAYS = 35;

/** Days since 1970-01-01 of a proleptic Gregorian date (no clock involved). */
export function dayNumber(year: number, month: number, day: number): number {
	const y = month <= 2 ? year - 1 : year;
	const era = Math.floor(y / 400);
	const yoe = y - era * 400;
	const doy = Math.floor((153 * (month + (month > 2 ? -3 : 9)) + 2) / 5) + day - 1;
	const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
	return era * 146097 + doe - 719468;
}

const pad = (n: number) => String(n).padStart(2, '0');

/** "14/7/2025" → "2025-07-14", or null when it is not a real date. */
function isoDate(d: string, m: string, y: string): string | null {
	const day = Number(d);
	const month = Number(m);
	const year = Number(y);
	if (month < 1 || month > 12 || day < 1 || year < 1900 || year > 2200) return null;
	const iso = `${year}-${pad(month)}-${pad(day)}`;
	return day <= Number(lastDay(`${year}-${pad(month)}`).slice(8)) ? iso : null;
}

const days = (iso: string) =>
	dayNumber(Number(iso.slice(0, 4)), Number(iso.slice(5, 7)), Number(iso.slice(8, 10)));

/** The period of two dates (inclusive), filed under the month of `to`. */
export function periodBetween(from: string, to: string): PeriodReading {
	const length = days(to) - days(from) + 1;
	if (length < 1)
		return { ok: false, message: `The period ends (${to}) before it starts (${from})` };
	if (length < SHORTEST_DAYS || length > LONGEST_DAYS)
		return {
			ok: false,
			message: `The period ${from} – ${to} is ${length} days: a report is filed per month (${SHORTEST_DAYS}–${LONGEST_DAYS} days); import each month's report instead`
		};
	const month = to.slice(0, 7);
	return {
		ok: true,
		period: { from, to, month, calendar: from === `${month}-01` && to === lastDay(month) }
	};
}

/**
 * Reads the period from the form's text: "Từ ngày dd/mm/yyyy đến ngày dd/mm/yyyy" (any case,
 * with or without diacritics, '/', '-' or '.' between the parts), else "Tháng m/yyyy" or
 * "Tháng m năm yyyy" (a calendar month). Null when the text names no period.
 */
export function readReportingPeriod(text: string): PeriodReading | null {
	const key = searchKey(text);
	const date = String.raw`(\d{1,2})\s*[/.-]\s*(\d{1,2})\s*[/.-]\s*(\d{4})`;
	const span = new RegExp(`tu ngay\\s*${date}\\s*(?:den|toi)\\s*ngay\\s*${date}`).exec(key);
	if (span) {
		const from = isoDate(span[1], span[2], span[3]);
		const to = isoDate(span[4], span[5], span[6]);
		if (!from || !to)
			return { ok: false, message: `The period "${span[0]}" holds a date that does not exist` };
		return periodBetween(from, to);
	}
	const month = /thang\s*(\d{1,2})\s*(?:[/.-]|nam)\s*(\d{4})/.exec(key);
	if (month) {
		const m = Number(month[1]);
		if (m < 1 || m > 12) return { ok: false, message: `"${month[0]}" is not a month` };
		const code = `${month[2]}-${pad(m)}`;
		return periodBetween(`${code}-01`, lastDay(code));
	}
	return null;
}

/** "15/06/2025" from "2025-06-15", as the form writes dates. */
export const formDate = (iso: string) =>
	`${iso.slice(8, 10)}/${iso.slice(5, 7)}/${iso.slice(0, 4)}`;
