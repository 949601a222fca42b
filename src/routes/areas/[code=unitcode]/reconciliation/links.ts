/** Links of the reconciliation page (official Decision 766 scores beside ours). */
import { resolve } from '$app/paths';
import type { ResolvedPathname } from '$app/types';

/** `/areas/12/reconciliation?period=2025-Q3[&lang=en]` */
export function reconciliationLink(
	code: string,
	period: string,
	lang: string | null
): ResolvedPathname {
	const q = new URLSearchParams({ period });
	if (lang) q.set('lang', lang);
	return resolve(`/areas/${code}/reconciliation?${q}`);
}
