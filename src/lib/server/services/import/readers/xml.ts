/**
 * A small strict scanner of the XML subset OOXML uses (elements, attributes, the five predefined
 * entities and character references, comments, CDATA, processing instructions). A DTD is refused
 * outright, so there are no entity expansions and no external entities; anything malformed is an
 * error, not a guess. A general XML library (and its dependency tree and history of entity bugs)
 * buys nothing for the four well-defined parts of a workbook the reader needs.
 */
import { TableError } from '../table.ts';
import { damaged } from './zip.ts';

interface XmlHandler {
	open(name: string, attrs: Record<string, string>, empty: boolean): void;
	close(name: string): void;
	text(text: string): void;
}

const ENTITY = /&(?:(amp|lt|gt|quot|apos)|#(\d{1,7})|#x([0-9A-Fa-f]{1,6}));|&[^&;\s<]{0,10};?/g;
const NAMED: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };

const local = (name: string) => name.slice(name.indexOf(':') + 1);

export function unescapeXml(text: string, part: string): string {
	if (!text.includes('&')) return text;
	return text.replace(
		ENTITY,
		(whole, named: string | undefined, dec: string | undefined, hex: string | undefined) => {
			if (named) return NAMED[named];
			const code = dec !== undefined ? Number(dec) : hex !== undefined ? parseInt(hex, 16) : NaN;
			if (!Number.isInteger(code) || code > 0x10ffff || (code >= 0xd800 && code <= 0xdfff))
				throw damaged(`${part} has an unknown entity ${whole}`);
			return String.fromCodePoint(code);
		}
	);
}

/** XML name characters of the ASCII subset OOXML uses (letters, digits, _ - . :). */
const isNameChar = (c: number) =>
	(c >= 97 && c <= 122) ||
	(c >= 65 && c <= 90) ||
	(c >= 48 && c <= 58) ||
	c === 95 ||
	c === 45 ||
	c === 46;
const isSpace = (c: number) => c === 32 || c === 10 || c === 9 || c === 13;

/** A strict scanner for the OOXML subset (elements, attributes, text; no DTD) of a whole part. */
export function scanXml(xml: string, part: string, handler: XmlHandler): void {
	new XmlScanner(part, handler).push(xml, true);
}

const MAX_TOKEN = 1024 * 1024;

/** Index of the `>` that ends the tag opened at `from` (quoted `>` skipped), or -1. */
function tagEnd(xml: string, from: number): number {
	const close = xml.indexOf('>', from);
	if (close < 0) return -1;
	const quoted = xml.slice(from, close);
	if (!quoted.includes('"') && !quoted.includes("'")) return close;
	let quote = 0;
	for (let p = from; p < xml.length; p++) {
		const c = xml.charCodeAt(p);
		if (quote) {
			if (c === quote) quote = 0;
		} else if (c === 34 || c === 39) quote = c;
		else if (c === 62) return p;
	}
	return -1;
}

/**
 * The scanner fed a part piece by piece as it is inflated: each push handles the complete
 * tokens it has and keeps an unfinished one for the next, so a handler can stop a large sheet
 * (by throwing) before the rest of it is inflated or decoded.
 */
export class XmlScanner {
	private rest = '';
	/** Characters handled before `rest` (positions in messages are the part's). */
	private offset = 0;
	private readonly stack: string[] = [];
	private first = true;

	constructor(
		private readonly part: string,
		private readonly handler: XmlHandler
	) {}

	push(piece: string, last: boolean): void {
		const xml = this.rest + piece;
		const { part, handler, stack } = this;
		const base = this.offset;
		const n = xml.length;
		const malformed = (at: number) =>
			damaged(`${part} is not well-formed XML near character ${base + at}`);
		let i = 0;
		if (this.first && n) {
			this.first = false;
			if (xml.charCodeAt(0) === 0xfeff) i = 1;
		}
		const skipTo = (token: string, from: number) => {
			const end = xml.indexOf(token, from);
			if (end < 0) throw malformed(from);
			return end + token.length;
		};
		const readName = (from: number) => {
			let p = from;
			while (p < n && isNameChar(xml.charCodeAt(p))) p++;
			const c = xml.charCodeAt(from);
			if (p === from || (c >= 48 && c <= 58) || c === 45 || c === 46) throw malformed(from);
			return p;
		};
		/** True when the token at `lt` is whole in `xml` (always so for the last piece). */
		const complete = (lt: number) => {
			if (last) return true;
			if (n - lt < 9) return false; // "<![CDATA[" or "<!--" not told apart yet
			const next = xml.charCodeAt(lt + 1);
			if (next === 63) return xml.indexOf('?>', lt + 2) >= 0;
			if (next === 33) {
				if (xml.startsWith('<!--', lt)) return xml.indexOf('-->', lt + 4) >= 0;
				if (xml.startsWith('<![CDATA[', lt)) return xml.indexOf(']]>', lt + 9) >= 0;
				return true; // a DTD: refused below
			}
			return tagEnd(xml, lt + 1) >= 0;
		};
		while (i < n) {
			const lt = xml.indexOf('<', i);
			if (lt < 0 && !last) break; // text that may go on in the next piece
			const textEnd = lt < 0 ? n : lt;
			if (lt >= 0 && !complete(lt)) break;
			if (textEnd > i) {
				const text = xml.slice(i, textEnd);
				if (stack.length)
					handler.text(
						unescapeXml(text.includes('\r') ? text.replace(/\r\n?/g, '\n') : text, part)
					);
				else if (text.trim()) throw damaged(`${part} has text outside its root element`);
			}
			if (lt < 0) {
				i = n;
				break;
			}
			const next = xml.charCodeAt(lt + 1);
			if (next === 63 /* ? */) i = skipTo('?>', lt + 2);
			else if (next === 33 /* ! */) {
				if (xml.startsWith('<!--', lt)) i = skipTo('-->', lt + 4);
				else if (xml.startsWith('<![CDATA[', lt)) {
					i = skipTo(']]>', lt + 9);
					if (!stack.length) throw damaged(`${part} has text outside its root element`);
					handler.text(xml.slice(lt + 9, i - 3));
				} else
					throw new TableError(
						0,
						`The XLSX part ${part} declares a DTD, which a workbook never needs: refused`
					);
			} else if (next === 47 /* / */) {
				let p = readName(lt + 2);
				const name = xml.slice(lt + 2, p);
				while (p < n && isSpace(xml.charCodeAt(p))) p++;
				if (xml.charCodeAt(p) !== 62 || stack.pop() !== name) throw malformed(lt);
				handler.close(local(name));
				i = p + 1;
			} else {
				let p = readName(lt + 1);
				const name = xml.slice(lt + 1, p);
				const attrs: Record<string, string> = Object.create(null);
				let empty = false;
				for (;;) {
					const before = p;
					while (p < n && isSpace(xml.charCodeAt(p))) p++;
					const c = xml.charCodeAt(p);
					if (c === 62 /* > */) {
						p++;
						break;
					}
					if (c === 47 /* / */ && xml.charCodeAt(p + 1) === 62) {
						p += 2;
						empty = true;
						break;
					}
					if (p === before) throw malformed(p); // attributes are separated by white space
					const nameEnd = readName(p);
					const attr = xml.slice(p, nameEnd);
					p = nameEnd;
					while (p < n && isSpace(xml.charCodeAt(p))) p++;
					if (xml.charCodeAt(p) !== 61 /* = */) throw malformed(p);
					p++;
					while (p < n && isSpace(xml.charCodeAt(p))) p++;
					const quote = xml[p];
					if (quote !== '"' && quote !== "'") throw malformed(p);
					const close = xml.indexOf(quote, p + 1);
					if (close < 0) throw malformed(p);
					const value = xml.slice(p + 1, close);
					if (value.includes('<')) throw malformed(p);
					if (attr in attrs) throw malformed(p);
					attrs[attr] = unescapeXml(value, part);
					p = close + 1;
				}
				const localName = local(name);
				handler.open(localName, attrs, empty);
				if (empty) handler.close(localName);
				else stack.push(name);
				i = p;
			}
		}
		// A token still unfinished after a megabyte is not a spreadsheet's (a cell holds at most
		// 32,767 characters); waiting for its end would rescan it with every piece.
		if (!last && n - i > MAX_TOKEN) throw malformed(i);
		this.rest = xml.slice(i);
		this.offset += i;
		if (last && stack.length) throw damaged(`${part} ends inside <${stack[stack.length - 1]}>`);
	}
}

/** The value of the attribute whose local name is `name` and which has a namespace prefix (r:id). */
export function prefixedAttr(attrs: Record<string, string>, name: string): string | undefined {
	for (const [k, v] of Object.entries(attrs)) if (k.includes(':') && local(k) === name) return v;
	return undefined;
}

/** OOXML escapes characters XML cannot carry as _xHHHH_ (e.g. _x000D_ for a carriage return). */
export const unescapeOoxml = (s: string) =>
	s.includes('_x')
		? s.replace(/_x([0-9A-Fa-f]{4})_/g, (_, hex: string) => String.fromCharCode(parseInt(hex, 16)))
		: s;

// ---------------------------------------------------------------------------------------------
