/**
 * Telling a lost or refused database connection from any other failure (db-unavailable.ts makes
 * the first a 503). Endpoints that answer their own 500 (respond.ts `answer`) and `handleError`
 * note the failures of the request here.
 */

/** Error codes of a connection lost, refused or timed out (node, postgres.js, SQLSTATE 08/57P). */
const CONNECTION_CODES = new Set([
	'ECONNREFUSED',
	'ECONNRESET',
	'ETIMEDOUT',
	'EPIPE',
	'EHOSTUNREACH',
	'ENETUNREACH',
	'ENOTFOUND',
	'EAI_AGAIN',
	'CONNECTION_CLOSED',
	'CONNECTION_ENDED',
	'CONNECTION_DESTROYED',
	'CONNECT_TIMEOUT',
	'57P01', // admin_shutdown
	'57P02', // crash_shutdown
	'57P03' // cannot_connect_now (starting up, shutting down)
]);

/** True for an error that says the database connection failed, not the query. */
export function isConnectionError(error: unknown): boolean {
	for (let e = error, depth = 0; e && typeof e === 'object' && depth < 4; depth++) {
		const code = (e as { code?: unknown }).code;
		if (typeof code === 'string' && (CONNECTION_CODES.has(code) || code.startsWith('08')))
			return true;
		e = (e as { cause?: unknown }).cause;
	}
	return false;
}

/** Requests whose failure was a lost or refused database connection. */
export const lostConnection = new WeakSet<Request>();

/** Called by `handleError`: a connection failure makes the request's 500 a 503. */
export function noteFailure(request: Request, error: unknown): void {
	if (isConnectionError(error)) lostConnection.add(request);
}
