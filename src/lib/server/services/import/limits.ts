/**
 * How much of a report file is read, and how many of its errors are sent back (issue 16). A
 * commune's monthly reports of a whole province are a few hundred rows (a national month in the
 * wide form is 9,746); 20,000 rows leave room for a long-form file of a province's year while a
 * 4 MB XLSX that unpacks to 324,000 rows is refused as soon as the reader passes the cap. The
 * web upload's cap is IMPORT_MAX_ROWS (default 20,000); `npm run import` takes `--max-rows`.
 */
import type { RowError } from './cells.ts';
import en from '../../../../../messages/en.json' with { type: 'json' };
import vi from '../../../../../messages/vi.json' with { type: 'json' };

export const DEFAULT_MAX_ROWS = 20_000;

/** Errors sent back for one file; the rest are counted. */
export const SHOWN_ERRORS = 200;

/** The web upload's row cap: IMPORT_MAX_ROWS when it is a positive integer, else the default. */
export function uploadMaxRows(value = process.env.IMPORT_MAX_ROWS): number {
	const n = Number(value);
	return value && Number.isInteger(n) && n > 0 ? n : DEFAULT_MAX_ROWS;
}

/** Why a file over the cap is refused, Vietnamese first (numbers in each language's style). */
export function tooManyRowsMessage(max: number): string {
	const say = (text: string, locale: string) =>
		text.replaceAll('{max}', max.toLocaleString(locale));
	return `${say(vi['import.tooManyRows'], 'vi-VN')} / ${say(en['import.tooManyRows'], 'en')}`;
}

/** The first SHOWN_ERRORS errors (the list is in file order) and how many there are in all. */
export function limitErrors(errors: readonly RowError[]): {
	errors: RowError[];
	total: number;
	truncated: boolean;
} {
	return {
		errors: errors.slice(0, SHOWN_ERRORS),
		total: errors.length,
		truncated: errors.length > SHOWN_ERRORS
	};
}
