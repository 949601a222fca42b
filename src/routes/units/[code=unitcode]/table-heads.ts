/**
 * The column heads of the unit page's plain tables (DataTable's `heads`): each a message, and
 * `align` a letter a column, `l` for words and `r` for figures.
 */
import type { MessageKey } from '$lib/i18n';

export const UNIT_TABLE_HEADS = {
	breakdown: {
		keys: ['breakdown.group', 'breakdown.points', 'breakdown.rate', 'breakdown.threshold'],
		align: 'llrr'
	},
	inventory: {
		keys: ['inventory.item', 'inventory.count', 'inventory.rate', 'inventory.changed'],
		align: 'lrrl'
	},
	official: {
		keys: ['official.group', 'official.official', 'official.computed', 'official.difference'],
		align: 'lrrr'
	}
} as const satisfies Record<string, { keys: readonly MessageKey[]; align: string }>;
