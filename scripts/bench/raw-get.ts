/** A GET (or HEAD) that keeps the body as sent (no decompression), for replaying exact bytes. */
import { request } from 'node:http';

export interface RawResponse {
	status: number;
	headers: Record<string, string | string[] | undefined>;
	body: Buffer;
}

export function rawGet(
	url: string,
	headers: Record<string, string>,
	method: 'GET' | 'HEAD' = 'GET'
): Promise<RawResponse> {
	return new Promise((done, fail) => {
		const req = request(url, { headers, method }, (res) => {
			const chunks: Buffer[] = [];
			res.on('data', (c: Buffer) => chunks.push(c));
			res.on('end', () =>
				done({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks) })
			);
			res.on('error', fail);
		});
		req.on('error', fail);
		req.end();
	});
}
