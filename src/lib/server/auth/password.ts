/**
 * Passwords: argon2id with OWASP's minimum (m = 19 MiB, t = 2, p = 1; ≈ 40–80 ms here). Unknown
 * accounts still pay one verification against a dummy hash, so timing does not tell whether an
 * email has an account.
 */
import { hash, verify, type Algorithm, type Options } from '@node-rs/argon2';

const OPTIONS: Options = {
	algorithm: 2 as Algorithm, // Argon2id (a const enum, which isolated modules cannot import)
	memoryCost: 19456,
	timeCost: 2,
	parallelism: 1
};

export const PASSWORD_MIN = 10;
export const PASSWORD_MAX = 256;

/** The PHC string (`$argon2id$v=19$m=19456,t=2,p=1$…`) of a password. */
export function hashPassword(password: string): Promise<string> {
	return hash(password, OPTIONS);
}

/** True when `password` matches the PHC string; false on any malformed hash. */
export async function verifyPassword(phc: string, password: string): Promise<boolean> {
	try {
		return await verify(phc, password);
	} catch {
		return false;
	}
}

let dummy: Promise<string> | undefined;

/** Spends the time of one real verification, for accounts that do not exist or are disabled. */
export async function spendVerificationTime(password: string): Promise<void> {
	dummy ??= hashPassword('xaso: no account has this password');
	await verifyPassword(await dummy, password);
}

export type PasswordProblem =
	| { key: 'password.tooShort'; params: { min: number } }
	| { key: 'password.tooLong'; params: { max: number } }
	| { key: 'password.common'; params: Record<string, never> }
	| { key: 'password.email'; params: { name: string } };

let common: Promise<Set<string>> | undefined;

/**
 * The most common passwords (≈ 49,000, most used first) of zxcvbn-ts's maintained list
 * (@zxcvbn-ts/language-common, MIT), lower-cased: loaded on the first password set, not at start.
 */
function commonPasswords(): Promise<Set<string>> {
	common ??= import('@zxcvbn-ts/language-common').then(
		({ dictionary }) => new Set(dictionary['passwords-common'].map((p) => p.toLowerCase()))
	);
	return common;
}

/**
 * The parts of an email's local part a password must not contain: the whole (`nguyen.van.an`)
 * and without separators (`nguyenvanan`), when at least 3 characters long.
 */
function namesOf(email: string): string[] {
	const local = email.trim().toLowerCase().split('@')[0] ?? '';
	return [...new Set([local, local.replace(/[._+-]/g, '')])].filter((n) => n.length >= 3);
}

/**
 * Why a new password is refused, or null when it is acceptable: too short or too long, one of
 * the most common passwords, or containing the name part of the account's email.
 */
export async function passwordProblem(
	password: string,
	email = ''
): Promise<PasswordProblem | null> {
	if (password.length < PASSWORD_MIN)
		return { key: 'password.tooShort', params: { min: PASSWORD_MIN } };
	if (password.length > PASSWORD_MAX)
		return { key: 'password.tooLong', params: { max: PASSWORD_MAX } };
	const lower = password.toLowerCase();
	const list = await commonPasswords();
	if (list.has(lower) || list.has(lower.trim())) return { key: 'password.common', params: {} };
	const name = namesOf(email).find((n) => lower.includes(n));
	if (name) return { key: 'password.email', params: { name } };
	return null;
}
