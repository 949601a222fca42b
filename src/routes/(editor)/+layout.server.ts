import type { LayoutServerLoad } from './$types';
import { requireUser } from '$lib/server/auth/guard';
import { can } from '$lib/server/auth/permissions';

/** Every page of the editors' area needs a signed-in user; pages check role and scope. */
export const load: LayoutServerLoad = (event) => {
	const user = requireUser(event);
	return {
		user: {
			email: user.email,
			displayName: user.displayName,
			role: user.role,
			unitCode: user.unitCode
		},
		canAudit: can(user.role, 'audit')
	};
};
