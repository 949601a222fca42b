import { redirect } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { ready } from '$lib/server/app';
import { SESSION_COOKIE, clearSessionCookie, deleteSession } from '$lib/server/auth/session';
import { logAudit } from '$lib/server/queries/audit-log';

export const load: PageServerLoad = ({ locals }) => ({ signedIn: locals.user !== null });

export const actions: Actions = {
	/** Ends the session on the server (the row is deleted), not only the cookie. */
	default: async ({ cookies, locals, url }) => {
		const token = cookies.get(SESSION_COOKIE);
		const store = await ready();
		if (token) await deleteSession(store, token);
		if (locals.user)
			await logAudit(store, {
				userId: locals.user.id,
				actor: locals.user.email,
				action: 'signout'
			});
		clearSessionCookie(cookies, url);
		redirect(303, url.searchParams.get('lang') === 'en' ? '/?lang=en' : '/');
	}
};
