/**
 * Asks a server for a public page until the copy it keeps is the one visitors get: the server
 * stores a page brotli-compressed fast on its first answer and at the best quality once it is
 * asked again (src/lib/server/http/answer-entry.ts). The page's bytes on a first visit (issue 15:
 * 100 KB) are those of that copy: a visitor is new to the page, the server is not. Used by the
 * page-weight test and the bench, so that both measure the same thing.
 * @returns the compressed length of the settled copy.
 */
export async function settledPage(url: string | URL, tries = 50): Promise<number> {
	let previous = -1;
	for (let attempt = 0; attempt < tries; attempt++) {
		const response = await fetch(url, { headers: { 'accept-encoding': 'br, gzip' } });
		await response.arrayBuffer();
		const length = Number(response.headers.get('content-length'));
		if (response.headers.get('content-encoding') === 'br' && length === previous) return length;
		previous = response.headers.get('content-encoding') === 'br' ? length : -1;
		await new Promise((done) => setTimeout(done, 200));
	}
	throw new Error(`${url}: its brotli copy never settled`);
}
