/**
 * Message keys and the compiled messages behind them. The source of the strings is
 * messages/vi.json and messages/en.json (inlang message format), compiled by Paraglide into one
 * module per language, src/lib/paraglide/messages/<locale>.js (vite/paraglide.ts), which
 * exports each message under a lower-cased name (module-id.ts); dictionaries.ts (server) and
 * vite/messages-split.ts (browser) put them back under their keys.
 */

/** A message id as written in messages/vi.json: 'editor.reports'. */
export type MessageKey = Exclude<keyof typeof import('../../../messages/vi.json'), '$schema'>;

/**
 * A compiled message: `{name}` placeholders are read from `inputs`. The browser gets a message
 * without inputs as its text alone (vite/messages-split.ts).
 */
export type Message = string | ((inputs?: Record<string, unknown>) => string);

/** One language's compiled messages by key. */
export type Dictionary = Readonly<Record<string, Message>>;
