/** Text helpers shared by search and import: Vietnamese without diacritics, NFC everywhere. */

/** Lower-case, diacritics removed (đ → d), spaces folded: "Xã Mường Than" → "xa muong than". */
export function searchKey(text: string): string {
	return text
		.normalize('NFD')
		.replace(/\p{M}/gu, '')
		.replace(/đ/g, 'd')
		.replace(/Đ/g, 'D')
		.toLowerCase()
		.replace(/\s+/g, ' ')
		.trim();
}
