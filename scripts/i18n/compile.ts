/**
 * Compiles the messages with Paraglide outside vite (`prepare` after `npm ci`, `npm run check`):
 * svelte-check and scripts need src/lib/paraglide, which is generated and not committed.
 */
import { compile } from '@inlang/paraglide-js';
import { paraglideOptions } from '../../vite/paraglide.ts';

await compile(paraglideOptions);
