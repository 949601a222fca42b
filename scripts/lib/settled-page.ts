/**
 * Asks a server for a public page until the copy it keeps is the one visitors get: the server
 * stores a page brotli-compressed fast on its first answer and at its best quality once it is
 * asked again (src/lib/server/http/answer-entry.ts). The page's bytes on a first visit (issue 15:
 * 100 KB) are those of that copy: a visitor is new to the page, the server is not. Used by the
 * page-weight test and the bench, so that both measure the same thing.
 *
 * The best copy's length is known in advance: brotli is deterministic, so the page (asked
 * uncompressed) is compressed here with the server's parameters, and the server is asked until
 * it sends that length.
 * @returns the compressed length of the settled copy.
 */
import { brotliCompressSync } from 'node:zlib';
import { brotliParams, brotliQuality } from '../../src/lib/server/http/answer-entry.ts';

async function ask(url: string | URL, encoding: string) {
	const response = await fetch(url, { headers: { 'accept-encoding': encoding } });
	const body = Buffer.from(await response.arrayBuffer());
	return { response, body, length: Number(response.headers.get('content-length')) };
}

export async function settledPage(url: string | URL, tries = 50): Promise<number> {
	const plain = await ask(url, 'identity');
	if (!plain.response.ok) throw new Error(`${url}: HTTP ${plain.response.status}`);
	const best = brotliCompressSync(
		plain.body,
		brotliParams(plain.body, brotliQuality(plain.body.length))
	);
	for (let attempt = 0; attempt < tries; attempt++) {
		const { response, length } = await ask(url, 'br, gzip');
		if (response.headers.get('content-encoding') === 'br' && length <= best.length) return length;
		await new Promise((done) => setTimeout(done, 200));
	}
	throw new Error(`${url}: its brotli copy never reached ${best.length} bytes`);
}
