/**
 * Ships the browser only the reader's language, compactly, and in two parts (issue 15, item 6).
 * Paraglide compiles one module per locale (vite/paraglide.ts, `locale-modules`): one
 * `export const` per message. The browser imports `virtual:xaso-messages/<locale>/<part>`
 * (i18n/index.ts `loadLocale`): that same compiled module with its messages gathered into one
 * `export default { key: message }` object (a message without inputs as its text), which
 * minifies to about the size of a JSON dictionary (a namespace of 700 exports costs a minified
 * local name and an export alias per message: ~3 KB more, compressed). Part `first` holds the
 * messages the map page's modules name (vite/message-keys.ts), part `rest` all the others.
 * On the server, in tests and in scripts, `i18n/dictionaries.ts` imports both languages' modules
 * eagerly; in the browser's build this plugin replaces it by an empty set, so no chunk carries
 * both languages.
 */
import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { parseAst, type Plugin } from 'vite';
import { moduleExportName } from '../src/lib/i18n/module-id';
import { FIRST_VISIT_ROOTS, keysReached } from './message-keys';

const PREFIX = 'virtual:xaso-messages/';
const QUERY = '?xaso-part=';
const PARTS = ['first', 'rest'];
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
export function asOneObject(
	code: string,
	keys: readonly string[],
	kept: (key: string) => boolean = () => true
): string {
	const keyOf = new Map(keys.map((key) => [moduleExportName(key), key]));
	const statements: string[] = [];
	const entries: string[] = [];
	for (const node of parseAst(code).body as unknown as Statement[]) {
		const declarations = node.declaration?.declarations;
		if (node.type === 'ExportNamedDeclaration' && declarations) {
			for (const { id, init } of declarations) {
				const key = id.name && keyOf.get(id.name);
				if (!key || !init) throw new Error(`unexpected export ${id.name} in Paraglide's output`);
				if (kept(key)) entries.push(`${JSON.stringify(key)}: ${messageSource(code, init)}`);
			}
		} else if (/^(ImportDeclaration|VariableDeclaration|FunctionDeclaration)$/.test(node.type)) {
			statements.push(code.slice(node.start, node.end));
		} else {
			throw new Error(`unexpected ${node.type} in Paraglide's output`);
		}
	}
	return `${statements.join('\n')}\nexport default {\n${entries.join(',\n')}\n};\n`;
}

export function messagesSplit(): Plugin {
	return {
		name: 'xaso-messages-split',
		enforce: 'pre',
		resolveId(id) {
			if (!id.startsWith(PREFIX)) return null;
			const [locale, part] = id.slice(PREFIX.length).split('/');
			if (!LOCALES.includes(locale) || !PARTS.includes(part))
				throw new Error(`no messages "${id}" (locale vi or en, part first or rest)`);
			return compiled(locale) + QUERY + part;
		},
		async load(id, options) {
			if (id === EAGER && !options?.ssr) return 'export const eager = {};';
			if (!id.includes(QUERY)) return null;
			const [file, part] = id.split(QUERY);
			const json = source(file.replace(/^.*\/(\w+)\.js$/, '$1'));
			this.addWatchFile(file);
			this.addWatchFile(json);
			const keys = Object.keys(JSON.parse(await readFile(json, 'utf8'))).filter(
				(key) => key !== '$schema'
			);
			const first = await keysReached(FIRST_VISIT_ROOTS, keys, (source, importer) =>
				this.resolve(source, importer)
			);
			for (const module of first.modules) this.addWatchFile(module);
			const inPart = (key: string) => first.keys.has(key) === (part === 'first');
			return asOneObject(await readFile(file, 'utf8'), keys, inPart);
		}
	};
}
