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

/** Why a new password is refused, or null when it is acceptable. */
export function passwordProblem(password: string): string | null {
	if (password.length < PASSWORD_MIN)
		return `The password must have at least ${PASSWORD_MIN} characters`;
	if (password.length > PASSWORD_MAX)
		return `The password must have at most ${PASSWORD_MAX} characters`;
	return null;
}
