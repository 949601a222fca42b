/**
 * The period an area's pages (overview and brief) show: the one asked for, else the latest
 * complete quarter with data, or, for a district abolished on 2025-07-01, its last quarter. A
 * commune's code, asked without a period, goes to the commune's page.
 */
import { redirect } from '@sveltejs/kit';
import type { Executor } from '$lib/server/db';
import { unitsInSpan } from '$lib/server/queries/units';
import { periodContaining } from '$lib/domain/periods';
import { defaultPeriod } from '$lib/state/period-menu';

export async function areaPeriod(
	store: Executor,
	code: string,
	url: URL,
	lastMonth: string | null,
	today: string
): Promise<string> {
	const asked = url.searchParams.get('period');
	if (asked) return asked;
	const versions = await unitsInSpan(store, code, '0001-01-01', '9999-12-31');
	const latest = versions.at(-1);
	if (latest?.level === 'commune') redirect(307, `/units/${code}${url.search}`);
	if (latest?.valid_to && latest.valid_to < today)
		return periodContaining(latest.valid_to.slice(0, 7), 'quarter');
	return defaultPeriod(lastMonth, today);
}
