// A bare node:http server answering every GET with one file's bytes, compressed once as our answer
// cache keeps them (src/lib/server/http/answer-cache.ts: gzip level 6, and brotli at the quality
// brotliQuality() gives that size, preferred when accepted). Run as a child process by
// http-floor.ts, so that the load generator and the server do not share an event loop. Prints its
// port and the gzip size on stdout.
import { createServer } from 'node:http';
import { readFileSync } from 'node:fs';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';

const body = readFileSync(process.argv[2]);
const gzip = gzipSync(body, { level: 6 });
// Keep in step with brotliQuality() in answer-cache.ts.
const quality = body.length <= 64 * 1024 ? 11 : body.length <= 512 * 1024 ? 9 : 6;
const br = brotliCompressSync(body, {
	params: {
		[constants.BROTLI_PARAM_MODE]: constants.BROTLI_MODE_TEXT,
		[constants.BROTLI_PARAM_QUALITY]: quality,
		[constants.BROTLI_PARAM_SIZE_HINT]: body.length
	}
});
const server = createServer((req, res) => {
	const accept = String(req.headers['accept-encoding'] ?? '');
	const encoding = /\bbr\b/.test(accept) ? 'br' : /\bgzip\b/.test(accept) ? 'gzip' : null;
	const bytes = encoding === 'br' ? br : encoding === 'gzip' ? gzip : body;
	res.writeHead(200, {
		'content-type': 'application/json',
		'content-length': bytes.length,
		...(encoding ? { 'content-encoding': encoding, vary: 'Accept-Encoding' } : {})
	});
	res.end(bytes);
});
server.listen(0, '127.0.0.1', () => {
	process.stdout.write(`${server.address().port} ${gzip.length}\n`);
});
process.on('SIGTERM', () => process.exit(0));
