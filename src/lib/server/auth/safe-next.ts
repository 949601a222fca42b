/**
 * Where to go after sign-in: only a path of this site. `next` comes from the query string, so an
 * attacker writes it; a browser reading `Location` drops tabs and newlines and treats `\` as `/`,
 * so `/\t/evil.example` or `/\evil.example` would leave the site, and a raw newline in a header
 * makes Node throw (a 500). Anything but a plain same-origin path goes to the fallback.
 */

import { controlCharacter } from '../http/control-chars.ts';

const BASE = 'http://this-site.invalid';

function plainPath(text: string): boolean {
	return (
		text.startsWith('/') &&
		!text.startsWith('//') &&
		!text.includes('\\') &&
		controlCharacter(text) === null
	);
}

/**
 * `next` as a path of this site (pathname, query and fragment, percent-encoded so that it is a
 * valid header), or `fallback` when it is missing or could lead anywhere else.
 */
export function safeNext(next: string | null | undefined, fallback = '/'): string {
	if (!next || next.length > 2000 || !plainPath(next)) return fallback;
	let decoded: string;
	try {
		decoded = decodeURIComponent(next);
	} catch {
		return fallback;
	}
	// Encoded once more (`/%2F%2Fevil`): harmless as a path, but refused so no decoder downstream
	// can be talked into reading it as another host.
	if (!plainPath(decoded)) return fallback;
	const url = new URL(next, BASE);
	if (url.origin !== BASE) return fallback;
	return url.pathname + url.search + url.hash;
}
