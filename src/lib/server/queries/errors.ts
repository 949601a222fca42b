/**
 * A request the store cannot answer because of what was asked (not because of a fault):
 * endpoints turn it into a 400 or 404 with `{ error: message }`, never a 500.
 */
export class QueryError extends Error {
	constructor(
		readonly status: 400 | 404 | 409 | 413 | 422,
		message: string
	) {
		super(message);
	}
}

/** Throws a 400 QueryError. */
export function badRequest(message: string): never {
	throw new QueryError(400, message);
}

/** Throws a 404 QueryError. */
export function notFound(message: string): never {
	throw new QueryError(404, message);
}
