/**
 * Leaflet with its stylesheet, as one chunk the map imports when it is wanted (LeafletMap.svelte):
 * neither is part of the page's first download.
 */
import L from 'leaflet';
import 'leaflet/dist/leaflet.css';

export default L;
