/**
 * Creating users and turning them off: shared by `npm run user:add`, the administration page and
 * the test harness. Scope rules: every role but admin needs a unit; a unit code must exist.
 * Disabling a user ends all their sessions at once.
 */
import type { Executor, Store } from '../db/index.ts';
import {
	insertUser,
	normaliseEmail,
	setUserDisabled,
	unitCodeExists,
	userById
} from '../queries/users.ts';
import { logAudit } from '../queries/audit-log.ts';
import { hashPassword, passwordProblem } from './password.ts';
import { deleteUserSessions } from './session.ts';
import { isRole, type Role } from './types.ts';
import { t, type Locale, type MessageKey } from '../../i18n/index.ts';

export interface AddUserInput {
	email: string;
	password: string;
	role: string;
	unitCode?: string | null;
	displayName?: string | null;
	/**
	 * The language of the messages: the password's defaults to Vietnamese, the others to English
	 * (the command line's).
	 */
	locale?: Locale;
}

export type AddUserResult =
	| { ok: true; id: number }
	| { ok: false; errors: Partial<Record<'email' | 'password' | 'role' | 'unit' | 'name', string>> };

const EMAIL = /^[^\s@]+@[^\s@]+$/;

/** Validates and creates a user; `actor` is recorded in the audit log. */
export async function addUser(
	store: Store,
	input: AddUserInput,
	actor: { userId: number | null; actor: string }
): Promise<AddUserResult> {
	const errors: Extract<AddUserResult, { ok: false }>['errors'] = {};
	const say = (key: MessageKey, params?: Record<string, string>) =>
		t(input.locale ?? 'en', key, params);
	const email = normaliseEmail(input.email);
	if (!EMAIL.test(email) || email.length > 254) errors.email = say('users.badEmail');
	const problem = await passwordProblem(input.password, email);
	if (problem) errors.password = t(input.locale ?? 'vi', problem.key, problem.params);
	if (!isRole(input.role)) errors.role = say('users.badRole');
	const unitCode = input.unitCode?.trim() || null;
	const displayName = (input.displayName?.trim() || email).slice(0, 120);
	if (unitCode === null && input.role !== 'admin') errors.unit = say('users.needsUnit');
	else if (unitCode !== null && !(await unitCodeExists(store, unitCode)))
		errors.unit = say('users.noUnit', { code: unitCode });
	if (Object.keys(errors).length) return { ok: false, errors };
	const passwordHash = await hashPassword(input.password);
	const id = await store.transaction(async (tx) => {
		const created = await insertUser(tx, {
			email,
			displayName,
			passwordHash,
			role: input.role as Role,
			unitCode
		});
		if (created !== null)
			await logAudit(tx, {
				userId: actor.userId,
				actor: actor.actor,
				action: 'user_created',
				detail: { user_id: created, email, role: input.role, unit_code: unitCode }
			});
		return created;
	});
	if (id === null) return { ok: false, errors: { email: say('users.exists', { email }) } };
	return { ok: true, id };
}

/** Disables (ending every session) or re-enables a user; false when there is no such user. */
export async function setDisabled(
	store: Store,
	userId: number,
	disabled: boolean,
	actor: { userId: number | null; actor: string }
): Promise<boolean> {
	return store.transaction(async (tx: Executor) => {
		const user = await userById(tx, userId);
		if (!user) return false;
		await setUserDisabled(tx, userId, disabled);
		const ended = disabled ? await deleteUserSessions(tx, userId) : 0;
		await logAudit(tx, {
			userId: actor.userId,
			actor: actor.actor,
			action: disabled ? 'user_disabled' : 'user_enabled',
			detail: { user_id: userId, email: user.email, sessions_ended: ended }
		});
		return true;
	});
}
