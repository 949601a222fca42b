import { error, fail, type RequestEvent } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { ready } from '$lib/server/app';
import { authorize, refuse } from '$lib/server/auth/guard';
import { codeWithinScope } from '$lib/server/queries/scope';
import { addUser, setDisabled } from '$lib/server/auth/user-admin';
import { listUsers, userById } from '$lib/server/queries/users';
import { ROLES } from '$lib/server/auth/types';
import { controlInForm } from '$lib/server/http/control-chars';
import { localeOf, t } from '$lib/i18n';

export const load: PageServerLoad = async (event) => {
	const admin = await authorize(event, 'admin');
	return { users: await listUsers(await ready(), admin), roles: [...ROLES] };
};

/**
 * An administrator scoped to a unit grants only scopes inside it (never a wider one, nor the
 * whole installation): a wider grant is refused (403, logged).
 */
async function mayGrant(event: RequestEvent, unitCode: string | null) {
	const admin = await authorize(event, 'admin');
	if (admin.unitCode !== null && !(await codeWithinScope(await ready(), admin, unitCode)))
		await refuse(event, `You manage users of ${admin.unitCode} only.`, { target_unit: unitCode });
	return admin;
}

async function toggle(event: RequestEvent, disabled: boolean) {
	const admin = await authorize(event, 'admin');
	const form = await event.request.formData();
	const id = Number(form.get('id'));
	const store = await ready();
	const locale = localeOf(event.url);
	const target = Number.isSafeInteger(id) ? await userById(store, id) : null;
	if (!target) error(404, t(locale, 'users.noSuch'));
	// A user outside a scoped administrator's area is not theirs to see: the same 404.
	if (!(await codeWithinScope(store, admin, target.unitCode)))
		await refuse(event, 'No such user', { target_user: target.id }, undefined, true);
	if (target.id === admin.id && disabled) return fail(400, { message: t(locale, 'users.notSelf') });
	await setDisabled(store, target.id, disabled, { userId: admin.id, actor: admin.email });
	return {
		message: t(locale, disabled ? 'users.disabledDone' : 'users.enabledDone', {
			email: target.email
		})
	};
}

export const actions: Actions = {
	create: async (event) => {
		await authorize(event, 'admin');
		const form = await event.request.formData();
		const control = controlInForm(form);
		if (control) return fail(400, { message: control });
		const input = {
			email: String(form.get('email') ?? ''),
			password: String(form.get('password') ?? ''),
			role: String(form.get('role') ?? ''),
			unitCode: String(form.get('unit') ?? '').trim() || null,
			displayName: String(form.get('name') ?? ''),
			locale: localeOf(event.url)
		};
		const admin = await mayGrant(event, input.unitCode);
		const result = await addUser(await ready(), input, { userId: admin.id, actor: admin.email });
		const { password: _password, ...kept } = input;
		if (!result.ok) return fail(400, { create: kept, errors: result.errors });
		return { message: t(input.locale, 'users.created', { email: input.email }) };
	},
	disable: (event) => toggle(event, true),
	enable: (event) => toggle(event, false)
};
