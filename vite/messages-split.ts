/**
 * Ships the browser only the reader's language, and compactly (issue 15, item 6). Paraglide
 * compiles one module per locale (vite/paraglide.ts, `locale-modules`): one `export const` per
 * message. The browser imports `virtual:xaso-messages/<locale>` (i18n/index.ts `loadLocale`):
 * that same compiled module with its messages gathered into one `export default { key: message }`
 * object (a message without inputs as its text), which minifies to about the size of a JSON dictionary (a namespace of 700 exports
 * costs a minified local name and an export alias per message: ~3 KB more, compressed).
 * On the server, in tests and in scripts, `i18n/dictionaries.ts` imports both languages' modules
 * eagerly; in the browser's build this plugin replaces it by an empty set, so no chunk carries
 * both languages.
 */
import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { parseAst, type Plugin } from 'vite';
import { moduleExportName } from '../src/lib/i18n/module-id';

const PREFIX = 'virtual:xaso-messages/';
const QUERY = '?xaso-one-object';
const EAGER = fileURLToPath(new URL('../src/lib/i18n/dictionaries.ts', import.meta.url));
const LOCALES = ['vi', 'en'];

function compiled(locale: string): string {
	return fileURLToPath(new URL(`../src/lib/paraglide/messages/${locale}.js`, import.meta.url));
}

function source(locale: string): string {
	return fileURLToPath(new URL(`../messages/${locale}.json`, import.meta.url));
}

type Node = { type: string; start: number; end: number };
type Init = Node & {
	params?: Node[];
	body?: Node & { body?: (Node & { argument?: Node & { expressions?: Node[] } })[] };
};
type Declarator = Node & { id: Node & { name?: string }; init: Init | null };

/**
 * A message as the browser gets it: Paraglide's function, or, for a message without inputs
 * (`() => { return \`text\` }`), its text alone, which `t()` takes as it is.
 */
function messageSource(code: string, init: Init): string {
	const body = init.body?.body;
	const text = body?.length === 1 ? body[0].argument : undefined;
	const constant =
		init.type === 'ArrowFunctionExpression' &&
		init.params?.length === 0 &&
		body?.[0].type === 'ReturnStatement' &&
		text?.type === 'TemplateLiteral' &&
		text.expressions?.length === 0;
	return code.slice((constant ? text : init).start, (constant ? text : init).end);
}
type Statement = Node & { declaration?: (Node & { declarations?: Declarator[] }) | null };

/**
 * A Paraglide locale module with its exported messages as one default-exported object, each under
 * its key ('controls.asOf') rather than its export name (`controls_asof1`, module-id.ts).
 */
export function asOneObject(code: string, keys: readonly string[]): string {
	const keyOf = new Map(keys.map((key) => [moduleExportName(key), key]));
	const kept: string[] = [];
	const entries: string[] = [];
	for (const node of parseAst(code).body as unknown as Statement[]) {
		const declarations = node.declaration?.declarations;
		if (node.type === 'ExportNamedDeclaration' && declarations) {
			for (const { id, init } of declarations) {
				const key = id.name && keyOf.get(id.name);
				if (!key || !init) throw new Error(`unexpected export ${id.name} in Paraglide's output`);
				entries.push(`${JSON.stringify(key)}: ${messageSource(code, init)}`);
			}
		} else if (/^(ImportDeclaration|VariableDeclaration|FunctionDeclaration)$/.test(node.type)) {
			kept.push(code.slice(node.start, node.end));
		} else {
			throw new Error(`unexpected ${node.type} in Paraglide's output`);
		}
	}
	return `${kept.join('\n')}\nexport default {\n${entries.join(',\n')}\n};\n`;
}

export function messagesSplit(): Plugin {
	return {
		name: 'xaso-messages-split',
		enforce: 'pre',
		resolveId(id) {
			if (!id.startsWith(PREFIX)) return null;
			const locale = id.slice(PREFIX.length);
			if (!LOCALES.includes(locale)) throw new Error(`no messages for locale "${locale}"`);
			return compiled(locale) + QUERY;
		},
		async load(id, options) {
			if (id === EAGER && !options?.ssr) return 'export const eager = {};';
			if (!id.endsWith(QUERY)) return null;
			const file = id.slice(0, -QUERY.length);
			const json = source(file.replace(/^.*\/(\w+)\.js$/, '$1'));
			this.addWatchFile(file);
			this.addWatchFile(json);
			const keys = Object.keys(JSON.parse(await readFile(json, 'utf8'))).filter(
				(key) => key !== '$schema'
			);
			return asOneObject(await readFile(file, 'utf8'), keys);
		}
	};
}
