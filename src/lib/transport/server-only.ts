/**
 * A value a page needs only in the server's rendering, kept out of the data the page sends for
 * hydration (hooks.ts `transport` encodes it as its presence alone). The no-JavaScript map is the
 * case: its SVG is already in the page inside <noscript>, which the browser's scripts never read,
 * so sending its paths a second time in the hydration data would only add bytes (issue 15, item 6).
 * In the browser `value` is null and `present` says whether the server had one.
 */
export class ServerOnly<T> {
	constructor(
		readonly value: T | null,
		readonly present: boolean = value !== null
	) {}
}

/** The `transport` entry for ServerOnly (hooks.ts). */
export const serverOnlyTransport = {
	encode: (value: unknown) => value instanceof ServerOnly && [value.present],
	decode: ([present]: [boolean]) => new ServerOnly<never>(null, present)
};
