/**
 * The map a `LeafletMap` owns, shared with its layers through context. Leaflet arrives by
 * dynamic import in the browser only, so both fields start null; `$state.raw` because Leaflet
 * objects must not be wrapped in proxies.
 */
import { getContext, setContext } from 'svelte';
import type * as Leaflet from 'leaflet';

export type LeafletModule = typeof Leaflet;

export class MapHandle {
	L = $state.raw<LeafletModule | null>(null);
	map = $state.raw<Leaflet.Map | null>(null);
}

const KEY = Symbol('xaso.map');

/** Makes `handle` the map of the components below. */
export function provideMap(handle: MapHandle): MapHandle {
	return setContext(KEY, handle);
}

/** The map of the enclosing `LeafletMap`. */
export function useMap(): MapHandle {
	const handle = getContext<MapHandle | undefined>(KEY);
	if (!handle) throw new Error('A map layer must be placed inside <LeafletMap>');
	return handle;
}
