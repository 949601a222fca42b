/**
 * No user-visible text is written inside the editor pages' components: it all comes from the
 * messages (messages/vi.json, messages/en.json), so each page can be shown in Vietnamese or English. A
 * heuristic over the markup: with scripts, styles, comments and `{…}` expressions removed, no
 * text between tags and no text-bearing attribute (aria-label, title, placeholder, alt) may
 * hold a letter.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';

const ROOT = join(import.meta.dirname);
const AREAS = ['(editor)', 'signin', 'signout'];

function svelteFiles(dir: string): string[] {
	return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
		const path = join(dir, entry.name);
		if (entry.isDirectory()) return svelteFiles(path);
		return entry.name.endsWith('.svelte') ? [path] : [];
	});
}

/** `text` with every `{…}` expression (nested braces and quoted strings included) blanked. */
export function withoutExpressions(text: string): string {
	let out = '';
	let depth = 0;
	let quote: string | null = null;
	for (let i = 0; i < text.length; i++) {
		const ch = text[i];
		if (depth === 0) {
			if (ch === '{') depth = 1;
			else out += ch;
			continue;
		}
		// Inside an expression: keep line breaks so that line numbers still hold.
		if (ch === '\n') out += '\n';
		if (quote) {
			if (ch === '\\') i++;
			else if (ch === quote) quote = null;
		} else if (ch === "'" || ch === '"' || ch === '`') quote = ch;
		else if (ch === '{') depth++;
		else if (ch === '}') depth--;
	}
	return out;
}

const LETTER = /\p{L}/u;
const TEXT_ATTRIBUTE = /\b(aria-label|title|placeholder|alt)="([^"]*)"/g;

/** Lines of a component's markup that hold written text: `line: text`. */
export function writtenText(source: string): string[] {
	const blank = (match: string) => match.replace(/[^\n]/g, ' ');
	const markup = withoutExpressions(
		source
			.replace(/<script[\s\S]*?<\/script>/g, blank)
			.replace(/<style[\s\S]*?<\/style>/g, blank)
			.replace(/<!--[\s\S]*?-->/g, blank)
	);
	const found: string[] = [];
	const lineOf = (index: number) => markup.slice(0, index).split('\n').length;
	for (const tag of markup.matchAll(/<[^>]*>/g))
		for (const attribute of tag[0].matchAll(TEXT_ATTRIBUTE))
			if (LETTER.test(attribute[2]))
				found.push(`${lineOf(tag.index)}: ${attribute[1]}="${attribute[2]}"`);
	const text = markup.replace(/<[^>]*>/g, blank);
	text.split('\n').forEach((line, i) => {
		if (LETTER.test(line)) found.push(`${i + 1}: ${line.trim()}`);
	});
	return found;
}

describe('writtenText (the heuristic)', () => {
	it('finds text and text attributes, and leaves expressions, code and styles alone', () => {
		const source = [
			'<script>const a = "Báo cáo";</script>',
			'<h1>{m("title")}</h1>',
			'<p>Sign in {x}</p>',
			'<a href="/x" title="Help">{m("a", { n: "{b}" })}</a>',
			'<!-- a comment -->',
			'<style>p { color: red; }</style>'
		].join('\n');
		expect(writtenText(source)).toEqual(['4: title="Help"', '3: Sign in']);
	});
});

describe('the editor pages', () => {
	const files = AREAS.flatMap((area) => svelteFiles(join(ROOT, area)));

	it('are all scanned', () => {
		expect(files.length).toBeGreaterThanOrEqual(9);
	});

	it('write no user-visible text of their own', () => {
		const problems = files.flatMap((file) =>
			writtenText(readFileSync(file, 'utf8')).map((line) => `${relative(ROOT, file)}:${line}`)
		);
		expect(
			problems,
			`text to move into messages/vi.json and en.json:\n${problems.join('\n')}`
		).toEqual([]);
	});
});
