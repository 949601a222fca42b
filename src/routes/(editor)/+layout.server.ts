import type { LayoutServerLoad } from './$types';
import { requireUser } from '$lib/server/auth/guard';
import { can } from '$lib/server/auth/permissions';
import { ready } from '$lib/server/app';
import { resolveUnit } from '$lib/server/queries/units';
import { today } from '$lib/domain/clock';

/** The name of the user's unit today (a unit since dissolved keeps its code alone). */
async function unitName(code: string | null): Promise<string | null> {
	if (!code) return null;
	try {
		return (await resolveUnit(await ready(), code, today())).name;
	} catch {
		return null;
	}
}

/** Every page of the editors' area needs a signed-in user; pages check role and scope. */
export const load: LayoutServerLoad = async (event) => {
	const user = requireUser(event);
	return {
		user: {
			email: user.email,
			displayName: user.displayName,
			role: user.role,
			unitCode: user.unitCode,
			unitName: await unitName(user.unitCode)
		},
		canAudit: can(user.role, 'audit')
	};
};
