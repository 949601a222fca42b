/**
 * One-off conversion (issue 13, item 6): src/lib/i18n/messages.ts, the hand-written `vi` and `en`
 * dictionaries, becomes messages/vi.json and messages/en.json in the inlang message format that
 * Paraglide compiles (project.inlang). Kept so that the conversion can be re-run on a
 * messages.ts that other branches have added keys to: `npx tsx scripts/i18n/messages-to-json.ts`,
 * then delete messages.ts.
 *
 * Message ids are the keys as they are ('editor.reports'): Paraglide 2 accepts dots, and
 * `t(locale, key)` keeps working unchanged. Paraglide's per-locale modules export each message
 * under a lower-cased name (module-id.ts), so two keys that differ only in case or in '.'/'_'
 * would clash there: the conversion stops on them, and on a key missing in one language.
 */
import { writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { moduleExportName } from '../../src/lib/i18n/module-id.ts';

const root = fileURLToPath(new URL('../../', import.meta.url));
const source: { vi: Record<string, string>; en: Record<string, string> } = await import(
	`${root}src/lib/i18n/messages.ts`
);

const keys = Object.keys(source.vi);
const names = new Map<string, string>();
for (const key of keys) {
	if (!/^[A-Za-z][A-Za-z0-9_.]*$/.test(key)) throw new Error(`unexpected message key "${key}"`);
	const name = moduleExportName(key);
	const other = names.get(name);
	if (other) throw new Error(`keys "${other}" and "${key}" would both compile to "${name}"`);
	names.set(name, key);
}
for (const key of Object.keys(source.en)) {
	if (!Object.hasOwn(source.vi, key)) throw new Error(`"${key}" is in en but not in vi`);
}

for (const locale of ['vi', 'en'] as const) {
	const dictionary = source[locale];
	const out: Record<string, string> = {
		$schema: 'https://inlang.com/schema/inlang-message-format'
	};
	for (const key of keys) {
		if (!Object.hasOwn(dictionary, key)) throw new Error(`"${key}" is missing in ${locale}`);
		out[key] = dictionary[key];
	}
	const file = `${root}messages/${locale}.json`;
	writeFileSync(file, JSON.stringify(out, null, '\t') + '\n');
	console.log(`${file}: ${keys.length} messages`);
}
