/**
 * Universal hooks: how the server's page data crosses to the browser. `ServerOnly` values
 * (transport/server-only.ts) arrive without their contents.
 */
import type { Transport } from '@sveltejs/kit';
import { serverOnlyTransport } from '$lib/transport/server-only';

export const transport: Transport = {
	ServerOnly: serverOnlyTransport
};
