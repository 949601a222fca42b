/** Users: lookup by email or id, an administrator's list, creation and enabling/disabling. */
import { sql } from 'drizzle-orm';
import type { Executor } from '../db/index.ts';
import type { Role, SessionUser } from '../auth/types.ts';
import { scopeWithin } from './scope.ts';

export interface UserRow extends SessionUser {
	disabled: boolean;
	createdAt: string;
}

export interface UserWithHash extends UserRow {
	passwordHash: string;
}

const columns = sql`id, email, display_name as "displayName", role, unit_code as "unitCode",
	disabled, created_at::text as "createdAt"`;

/** Emails are compared trimmed, lower-cased and in NFC. */
export function normaliseEmail(email: string): string {
	return email.normalize('NFC').trim().toLowerCase();
}

/** The user with this email (normalised), with the password hash, or null. */
export async function userByEmail(db: Executor, email: string): Promise<UserWithHash | null> {
	const [row] = await db.rows<UserWithHash>(
		sql`select ${columns}, password_hash as "passwordHash" from users where email = ${normaliseEmail(email)}`
	);
	return row ? { ...row, id: Number(row.id) } : null;
}

/** The user with this id, or null. */
export async function userById(db: Executor, id: number): Promise<UserRow | null> {
	const [row] = await db.rows<UserRow>(sql`select ${columns} from users where id = ${id}`);
	return row ? { ...row, id: Number(row.id) } : null;
}

/**
 * The users an administrator manages, for the administration page: everyone for an administrator
 * of the installation, those whose scope lies inside theirs for a scoped one.
 */
export async function listUsers(
	db: Executor,
	admin: Pick<SessionUser, 'role' | 'unitCode'>
): Promise<UserRow[]> {
	const rows = await db.rows<UserRow>(sql`select ${columns} from users
		where ${scopeWithin(admin, sql`users.unit_code`)} order by email`);
	return rows.map((r) => ({ ...r, id: Number(r.id) }));
}

export interface NewUser {
	email: string;
	displayName: string;
	passwordHash: string;
	role: Role;
	unitCode: string | null;
}

/** Inserts a user; null when the email is already taken. */
export async function insertUser(db: Executor, user: NewUser): Promise<number | null> {
	const rows = await db.rows<{ id: number }>(sql`insert into users
		(email, display_name, password_hash, role, unit_code)
		values (${normaliseEmail(user.email)}, ${user.displayName}, ${user.passwordHash}, ${user.role}, ${user.unitCode})
		on conflict (email) do nothing returning id`);
	return rows[0] ? Number(rows[0].id) : null;
}

/** Enables or disables a user; returns whether the user exists. */
export async function setUserDisabled(
	db: Executor,
	id: number,
	disabled: boolean
): Promise<boolean> {
	return (await db.run(sql`update users set disabled = ${disabled} where id = ${id}`)) > 0;
}

/** True when some unit, of any era, bears this code. */
export async function unitCodeExists(db: Executor, code: string): Promise<boolean> {
	const [row] = await db.rows<{ n: number }>(
		sql`select count(*)::int as n from units where code = ${code}`
	);
	return row.n > 0;
}
