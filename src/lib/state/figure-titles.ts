/**
 * The title of each unit's shape on a server-drawn map: "name: figure", by unit code, with the
 * figure formatted for the indicator and the locale.
 */
import type { Indicator } from '$lib/domain/indicators';
import type { Locale } from '$lib/i18n';
import { formatFigure } from '$lib/i18n/figures';

export function figureTitles(
	rows: readonly { unit_code: string; unit_name: string; value: number | null }[],
	indicator: Indicator,
	locale: Locale
): Map<string, string> {
	return new Map(
		rows.map((r) => [r.unit_code, `${r.unit_name}: ${formatFigure(r.value, indicator, locale)}`])
	);
}
