/** Who is signed in, as every route and service sees it. */
export const ROLES = ['admin', 'approver', 'editor', 'viewer'] as const;

export type Role = (typeof ROLES)[number];

export interface SessionUser {
	id: number;
	email: string;
	displayName: string;
	role: Role;
	/** Scope: the unit code the user works on and everything under it; null = whole installation. */
	unitCode: string | null;
}

/** True when `value` names a role. */
export function isRole(value: unknown): value is Role {
	return typeof value === 'string' && (ROLES as readonly string[]).includes(value);
}
