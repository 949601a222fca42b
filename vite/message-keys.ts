/**
 * Which messages the first visit of the map page can need (issue 15, item 6): the browser gets
 * those first (`virtual:xaso-messages/<locale>/first`) and the others
 * (`…/<locale>/rest`) only when it goes to another page (i18n/index.ts `loadLocale`).
 *
 * Found in the source of every module of ours that the page's roots ({@link FIRST_VISIT_ROOTS})
 * reach by imports, static or dynamic: each quoted text that is a message key (`'map.title'`,
 * in a ternary or a table of labels too), and each quoted text ending in a dot taken as a prefix
 * of keys built at run time (`` m(`band.${c.band}`) `` and `'status.' + s` take every `band.…`
 * and `status.…` key). A key built otherwise (`` `${group}.name` ``, or named by the server's data)
 * is missed: `t()` then loads the rest and renders again, and tests/e2e/message-parts.test.ts,
 * which watches for that warning across the pages, fails.
 */
import { readFile } from 'node:fs/promises';
import { resolve, sep } from 'node:path';

/** What the map page (route `/`, i18n `FIRST_VISIT_PATHS`) is made of in the browser. */
export const FIRST_VISIT_ROOTS = ['+layout.svelte', '+layout.ts', '+page.svelte'].map((file) =>
	resolve('src/routes', file)
);

/** Our modules whose text says nothing about messages wanted: the messages themselves. */
const SKIPPED = [resolve('src/lib/paraglide'), resolve('src/lib/i18n/dictionaries.ts')];
const SOURCE = resolve('src') + sep;

/** `from '…'`, `import '…'`, `import('…')`. */
const IMPORT = /(?:\bfrom|\bimport)\s*\(?\s*['"]([^'"\n]+)['"]/g;
/** A quoted text that may be a key, or a key's prefix: right after a quote, up to a quote or `${`. */
const QUOTED = /[`'"]([A-Za-z]\w*(?:\.\w+)*\.?)(?=[`'"]|\$\{)/g;

/** The keys `code` names, exactly or by a prefix ending in a dot. */
export function keysNamedIn(code: string, keys: readonly string[]): Set<string> {
	const known = new Set(keys);
	const found = new Set<string>();
	for (const [, text] of code.matchAll(QUOTED)) {
		if (known.has(text)) found.add(text);
		if (text.endsWith('.')) for (const key of keys) if (key.startsWith(text)) found.add(key);
	}
	return found;
}

type Resolve = (source: string, importer: string) => Promise<{ id: string } | null>;

/**
 * The keys named in the modules of ours that `roots` reach by imports (`resolve`: the plugin
 * context's, so `$lib/…` and the other aliases resolve as in the build), with those modules.
 */
export async function keysReached(
	roots: readonly string[],
	keys: readonly string[],
	resolveId: Resolve
): Promise<{ keys: Set<string>; modules: string[] }> {
	const found = new Set<string>();
	const seen = new Set<string>();
	const queue = [...roots];
	while (queue.length > 0) {
		const file = queue.shift()!;
		if (seen.has(file)) continue;
		seen.add(file);
		const code = await readFile(file, 'utf8');
		for (const key of keysNamedIn(code, keys)) found.add(key);
		for (const [, source] of code.matchAll(IMPORT)) {
			const id = (await resolveId(source, file).catch(() => null))?.id.split('?')[0];
			if (id && ours(id) && !seen.has(id)) queue.push(id);
		}
	}
	return { keys: found, modules: [...seen] };
}

function ours(id: string): boolean {
	return (
		id.startsWith(SOURCE) &&
		!id.includes(`${sep}node_modules${sep}`) &&
		!SKIPPED.some((skipped) => id.startsWith(skipped)) &&
		/\.(svelte|ts|js)$/.test(id)
	);
}
