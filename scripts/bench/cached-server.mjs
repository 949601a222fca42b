// A bare node:http server answering every GET with one file's bytes, gzip-compressed once (what a
// cache in front of the query would keep). Run as a child process by http-floor.ts, so that the
// load generator and the server do not share an event loop. Prints its port on stdout.
import { createServer } from 'node:http';
import { readFileSync } from 'node:fs';
import { gzipSync } from 'node:zlib';

const body = readFileSync(process.argv[2]);
const gzip = gzipSync(body, { level: 6 });
const server = createServer((req, res) => {
	const accepts = /\bgzip\b/.test(String(req.headers['accept-encoding'] ?? ''));
	res.writeHead(200, {
		'content-type': 'application/json',
		...(accepts ? { 'content-encoding': 'gzip' } : {})
	});
	res.end(accepts ? gzip : body);
});
server.listen(0, '127.0.0.1', () => {
	process.stdout.write(`${server.address().port} ${gzip.length}\n`);
});
process.on('SIGTERM', () => process.exit(0));
