/**
 * Text layout helpers for SVG charts drawn on the server, where text cannot be measured: widths
 * are estimated from the character count (system sans-serif at 12px averages about 6.5px a
 * character, Vietnamese diacritics included), with some slack.
 */

/** Estimated width in pixels of `text` at 12px. */
export function textWidth(text: string, charWidth = 6.5): number {
	return text.length * charWidth;
}

/**
 * Words of `text` packed into lines no wider than `width` pixels (a word longer than a line gets
 * a line of its own).
 */
export function wrapText(text: string, width: number, charWidth = 6.5): string[] {
	const max = Math.max(1, Math.floor(width / charWidth));
	const lines: string[] = [];
	for (const word of text.split(/\s+/).filter(Boolean)) {
		const last = lines[lines.length - 1];
		if (last !== undefined && last.length + 1 + word.length <= max)
			lines[lines.length - 1] += ` ${word}`;
		else lines.push(word);
	}
	return lines;
}

/** `x` moved just enough that a label of `width` centred on it stays within [min, max]. */
export function clampCentre(x: number, width: number, min: number, max: number): number {
	return Math.min(Math.max(x, min + width / 2), max - width / 2);
}
