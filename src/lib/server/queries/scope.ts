/**
 * Scope: a user works on the unit bearing their unit code and everything under it (its communes,
 * through parent, district or province). A code names every unit that bore it, of any era. Null
 * is the whole installation and is given to administrators only (user-admin.ts).
 */
import { sql, type SQL } from 'drizzle-orm';
import type { Executor } from '../db/index.ts';
import type { SessionUser } from '../auth/types.ts';

/** The joins `scopeCondition` needs, for unit alias `u`. */
export const scopeJoins = sql`left join units sp on sp.id = u.parent_id
	left join units sd on sd.id = u.district_id
	left join units sv on sv.id = u.province_id`;

/** The ids among `unitIds` outside the user's scope. */
export async function outOfScope(
	db: Executor,
	user: Pick<SessionUser, 'role' | 'unitCode'>,
	unitIds: number[]
): Promise<number[]> {
	const ids = [...new Set(unitIds.map(Number))];
	if (ids.length === 0) return [];
	if (user.unitCode === null) return user.role === 'admin' ? [] : ids;
	const inside = await db.rows<{ id: number }>(sql`
		select u.id from units u ${scopeJoins}
		where u.id in (${sql.join(
			ids.map((id) => sql`${id}`),
			sql`, `
		)})
			and ${scopeCondition(user)}`);
	const ok = new Set(inside.map((r) => Number(r.id)));
	return ids.filter((id) => !ok.has(id));
}

/** True when the unit is inside the user's scope. */
export async function inScope(
	db: Executor,
	user: Pick<SessionUser, 'role' | 'unitCode'>,
	unitId: number
): Promise<boolean> {
	return (await outOfScope(db, user, [unitId])).length === 0;
}

/** SQL condition: unit alias `u` (with `scopeJoins`) is inside the scope. */
export function scopeCondition(user: Pick<SessionUser, 'role' | 'unitCode'>) {
	if (user.unitCode === null) return user.role === 'admin' ? sql`true` : sql`false`;
	return sql`${user.unitCode} in (u.code, sp.code, sd.code, sv.code)`;
}

/**
 * SQL condition: a scope given by unit code (`code`, an SQL expression; null for the whole
 * installation) lies inside the user's: every unit of every era it covers is in the user's scope.
 * A scoped administrator sees and manages the users whose scope passes, and grants no other:
 * a commune's administrator cannot give its old district (wider) or the installation (null).
 */
export function scopeWithin(user: Pick<SessionUser, 'role' | 'unitCode'>, code: SQL) {
	if (user.role === 'admin' && user.unitCode === null) return sql`true`;
	return sql`(${code} is not null and exists (select 1 from units c where c.code = ${code})
		and not exists (select 1 from units u ${scopeJoins}
			where ${code} in (u.code, sp.code, sd.code, sv.code) and not (${scopeCondition(user)})))`;
}

/** True when the scope of unit code `code` (null: the installation) lies inside the user's. */
export async function codeWithinScope(
	db: Executor,
	user: Pick<SessionUser, 'role' | 'unitCode'>,
	code: string | null
): Promise<boolean> {
	const [row] = await db.rows<{ ok: boolean }>(
		sql`select ${scopeWithin(user, sql`${code}::text`)} as ok`
	);
	return row.ok === true;
}
