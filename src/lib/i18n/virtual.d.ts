/** One locale's compiled messages as one object, made by vite/messages-split.ts. */
declare module 'virtual:xaso-messages/*' {
	const dictionary: import('./keys').Dictionary;
	export default dictionary;
}
