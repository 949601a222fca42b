/**
 * The map position and selection of the current page, kept in its URL fragment (view-hash.ts):
 * read once when the page runs, written back (replacing the history entry) when they change,
 * so the address bar, a reload and the share menu's link all hold them.
 */
import { replaceState } from '$app/navigation';
import { page } from '$app/state';
import { formatFragment, isViewFragment, parseFragment, type MapPosition } from './view-hash.ts';

export class ViewHash {
	position = $state.raw<MapPosition | null>(null);
	selection = $state<string | null>(null);
	/** The position the link asked for, to apply once the map has framed its units. */
	readonly asked: MapPosition | null;

	constructor(hash: string) {
		const read = parseFragment(hash);
		this.asked = read.position;
		this.position = read.position;
		this.selection = read.selection;
	}

	/** Writes the fragment into the address bar (only where it is ours to replace). */
	write() {
		if (!isViewFragment(location.hash)) return;
		const hash = formatFragment({ position: this.position, selection: this.selection });
		if (hash === location.hash || (hash === '' && location.hash === '')) return;
		try {
			// The same page (path and query, already resolved), another fragment.
			// eslint-disable-next-line svelte/no-navigation-without-resolve
			replaceState(hash || location.pathname + location.search, page.state);
		} catch {
			// Before the router is ready: the next change writes it.
		}
	}
}
