/**
 * The small requests most HTTP tests make against the server under test: a GET with an optional
 * session cookie, a same-origin JSON POST, and the current token of a report (read as admin).
 */
import { send, type RawResponse } from './test-users.ts';

/** Helpers bound to the server at `baseURL`. */
export function httpClient(baseURL: string) {
	const url = (path: string) => new URL(path, baseURL).href;
	const get = (path: string, cookie?: string) =>
		send(url(path), { headers: cookie ? { cookie } : {} });
	const postJson = (path: string, body: unknown, cookie: string): Promise<RawResponse> =>
		send(url(path), {
			method: 'POST',
			body: JSON.stringify(body),
			headers: { 'content-type': 'application/json', origin: baseURL, cookie }
		});
	/** The report's current token (`GET /api/v1/reports/UNIT/MONTH`), as `cookie` sees it. */
	const reportToken = async (unit: string, month: string, cookie: string): Promise<string> =>
		JSON.parse((await get(`/api/v1/reports/${unit}/${month}`, cookie)).text).token;
	return { url, get, postJson, reportToken };
}
