/**
 * The name under which Paraglide's per-locale module (`$lib/paraglide/messages/<locale>.js`)
 * exports a message: its id lower-cased, characters other than [a-z0-9_] as `_`, and the number
 * of capitals appended (`controls.asOf` → `controls_asof1`). A copy of `toSafeModuleId` in
 * @inlang/paraglide-js 2.23.2 (dist/compiler/safe-module-id.js), which the package does not
 * export; i18n/paraglide.spec.ts checks every message against the compiled modules.
 */
const RESERVED = new Set(
	(
		'break case catch class const continue debugger default delete do else export extends false ' +
		'finally for function if import in instanceof new null return super switch this throw true ' +
		'try typeof var void while with let static yield await enum implements interface package ' +
		'private protected public then'
	).split(' ')
);

export function moduleExportName(id: string): string {
	const result = id.toLowerCase().replace(/[^a-z0-9_]/g, '_');
	if (/^[0-9]/.test(result) || RESERVED.has(result)) return '_' + result;
	const capitals = id.replace(/[^A-Z]/g, '').length;
	return result + (capitals > 0 ? String(capitals) : '');
}
