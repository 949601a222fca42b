/** One locale's dictionary, derived from messages.ts by vite/messages-split.ts. */
declare module 'virtual:xaso-messages/*' {
	const dictionary: Record<import('./messages').MessageKey, string>;
	export default dictionary;
}
