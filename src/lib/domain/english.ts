/**
 * English grammar for generated sentences: the indefinite article before a figure or word as it
 * is spoken ("an 80.0% threshold", "a 50.0% threshold", "an 11-point gap") and singular or
 * plural nouns by count ("1 more online dossier", "18 more online dossiers"). Vietnamese needs
 * neither: it has no articles and its nouns do not change with the count.
 */

/**
 * "a" or "an" before `text` as read aloud. A figure (English separators: `18,000.5`) is read by
 * its leading group of up to three digits: "eighty" (`80.0%`), "eighteen thousand" (`18,000`),
 * "eight hundred" (`800`) take "an"; "a hundred and ten" (`110`), "a thousand" (`1,100`) take
 * "a". A word goes by its first letter (no attempt at "an hour" or "a unit": the generated
 * sentences do not need them).
 */
export function indefiniteArticle(text: string): 'a' | 'an' {
	const t = text.trim().replace(/^[<>≥≤~]\s*/, '');
	const integer = /^[\d,]+/.exec(t)?.[0].replaceAll(',', '');
	if (integer) {
		const lead = integer.slice(0, integer.length % 3 || 3);
		return lead.startsWith('8') || lead === '11' || lead === '18' ? 'an' : 'a';
	}
	return /^[aeiou]/i.test(t) ? 'an' : 'a';
}

/** `text` with its indefinite article: "an 80.0%". */
export function withArticle(text: string): string {
	return `${indefiniteArticle(text)} ${text}`;
}

/** The singular or the plural form by count: exactly 1 takes the singular. */
export function byCount(n: number, one: string, many: string): string {
	return n === 1 ? one : many;
}
