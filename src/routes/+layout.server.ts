import type { LayoutServerLoad } from './$types';
import { ready } from '$lib/server/app';
import { isDemo } from '$lib/server/queries/settings';

/**
 * Whether the store holds generated figures (every page then says "demo data"), and whether
 * someone is signed in, for the header's sign-in or editor-area link. A public page rendered for
 * a signed-in user is never shared (hooks.server.ts marks it private), so the anonymous
 * rendering that caches keep is the same for every visitor.
 */
export const load: LayoutServerLoad = async ({ locals }) => {
	const store = await ready();
	return { demo: await isDemo(store), signedIn: locals.user !== null };
};
