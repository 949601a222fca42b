/**
 * How Paraglide compiles messages/{vi,en}.json (project.inlang) into src/lib/paraglide: the one
 * set of options for the vite plugin (build, dev, tests) and for scripts/i18n/compile.ts (npm
 * ci's `prepare` and `npm run check`, which run no vite). The output is generated, not committed.
 *
 * - `locale-modules`: one module per language (`messages/vi.js`, `messages/en.js`), so the
 *   browser downloads only the reader's language (i18n/index.ts `loadLocale`).
 * - `strategy: ['baseLocale']`: the language is never guessed by Paraglide's runtime; it is the
 *   `?lang=` of the URL, passed explicitly (`t(locale, …)`, or `m[key]({}, { locale })`).
 */
import type { CompilerOptions } from '@inlang/paraglide-js';

export const paraglideOptions = {
	project: './project.inlang',
	outdir: './src/lib/paraglide',
	outputStructure: 'locale-modules',
	strategy: ['baseLocale'],
	emitReadme: false
} satisfies CompilerOptions;
