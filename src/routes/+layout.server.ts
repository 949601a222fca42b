import type { LayoutServerLoad } from './$types';
import { ready } from '$lib/server/app';
import { isDemo } from '$lib/server/queries/settings';
import { listUnits } from '$lib/server/queries/units';
import { today } from '$lib/domain/clock';

/**
 * Whether the store holds generated figures (every page then says "demo data"), and whether
 * someone is signed in, for the header's sign-in or editor-area link. A public page rendered for
 * a signed-in user is never shared (hooks.server.ts marks it private), so the anonymous
 * rendering that caches keep is the same for every visitor.
 */
export const load: LayoutServerLoad = async ({ locals }) => {
	const store = await ready();
	const [demo, provinces] = await Promise.all([
		isDemo(store),
		listUnits(store, { level: 'province', at: today() })
	]);
	// The header links the overview of the province (the pilot store holds one).
	return { demo, signedIn: locals.user !== null, province: provinces[0]?.code ?? null };
};
