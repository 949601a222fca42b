/**
 * Control characters in what a request carries. PostgreSQL refuses NUL in text, Node refuses CR
 * and LF in headers (a file name in Content-Disposition, a redirect), and none of them belongs in
 * a code, a period or an email: they are refused at the edge with a 400 that names where they
 * were. Free-text fields (a comment) may hold line breaks and tabs, but never NUL or the rest.
 */

/** C0 controls, DEL and C1 controls. */
// eslint-disable-next-line no-control-regex -- matching control characters is the point
const CONTROL = /[\u0000-\u001f\u007f-\u009f]/;
/** The same, less tab, line feed and carriage return. */
// eslint-disable-next-line no-control-regex -- as above
const CONTROL_IN_TEXT = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f]/;

/** The first control character of `value` as `U+0000`, or null; `freeText` allows \t, \r, \n. */
export function controlCharacter(value: string, freeText = false): string | null {
	const found = (freeText ? CONTROL_IN_TEXT : CONTROL).exec(value);
	return found ? `U+${found[0].charCodeAt(0).toString(16).toUpperCase().padStart(4, '0')}` : null;
}

const refusal = (where: string, code: string) =>
	`${where} contains a control character (${code}): remove it`;

/** Why the path or query string of `url` is refused, or null when neither has a control character. */
export function controlInUrl(url: URL): string | null {
	let path: string;
	try {
		path = decodeURIComponent(url.pathname);
	} catch {
		// Not percent-decodable: SvelteKit answers that itself; only what decodes is checked here.
		path = url.pathname;
	}
	const inPath = controlCharacter(path);
	if (inPath) return refusal('The path', inPath);
	for (const [name, value] of url.searchParams) {
		const code = controlCharacter(name) ?? controlCharacter(value);
		if (code) return refusal(`Parameter "${printable(name)}"`, code);
	}
	return null;
}

/**
 * Why a submitted form is refused, or null: every text field is checked, those named in
 * `freeText` allowing line breaks and tabs. Files are left to their own readers.
 */
export function controlInForm(form: FormData, freeText: readonly string[] = []): string | null {
	for (const [name, value] of form) {
		if (typeof value !== 'string') continue;
		const code = controlCharacter(name) ?? controlCharacter(value, freeText.includes(name));
		if (code) return refusal(`Field "${printable(name)}"`, code);
	}
	return null;
}

/** A name fit to be quoted in a message (its control characters dropped). */
function printable(name: string): string {
	return [...name]
		.filter((ch) => !CONTROL.test(ch))
		.join('')
		.slice(0, 60);
}
