import { fail, redirect } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { ready } from '$lib/server/app';
import { signIn } from '$lib/server/auth/signin';
import { SESSION_COOKIE, setSessionCookie } from '$lib/server/auth/session';
import { DEVICE_COOKIE, setDeviceCookie } from '$lib/server/auth/device';
import { safeNext } from '$lib/server/auth/safe-next';
import { controlInForm } from '$lib/server/http/control-chars';
import { localeOf, t } from '$lib/i18n';

/**
 * Where sign-in leads: `next` when it is a path of this site, else the editors' landing page;
 * in English when the sign-in page was (`?lang=en`).
 */
function nextPage(url: URL): string {
	const next = safeNext(url.searchParams.get('next'), '/reports');
	if (localeOf(url) !== 'en' || /[?&]lang=/.test(next)) return next;
	const [path, hash] = next.split('#');
	return `${path}${path.includes('?') ? '&' : '?'}lang=en${hash === undefined ? '' : `#${hash}`}`;
}

export const load: PageServerLoad = ({ locals, url }) => {
	if (locals.user) redirect(303, nextPage(url));
	return {};
};

export const actions: Actions = {
	default: async (event) => {
		const form = await event.request.formData();
		const email = String(form.get('email') ?? '');
		const control = controlInForm(form);
		if (control) return fail(400, { email: '', message: control });
		const result = await signIn(await ready(), {
			email,
			password: String(form.get('password') ?? ''),
			address: event.getClientAddress(),
			userAgent: event.request.headers.get('user-agent')?.slice(0, 200) ?? null,
			previousToken: event.cookies.get(SESSION_COOKIE),
			deviceCookie: event.cookies.get(DEVICE_COOKIE)
		});
		if (!result.ok) {
			if (result.retryAfter) event.setHeaders({ 'retry-after': String(result.retryAfter) });
			return fail(result.status, {
				email: email.slice(0, 254),
				message: t(localeOf(event.url), result.key, result.params)
			});
		}
		setSessionCookie(event.cookies, event.url, result.token);
		setDeviceCookie(event.cookies, event.url, result.deviceCookie);
		redirect(303, nextPage(event.url));
	}
};
