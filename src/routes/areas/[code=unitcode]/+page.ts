// The overview is read, not operated: its forms are GET and its sorting is links, so it ships
// as HTML alone — no hydration, no copy of the figures and the map's paths in a script — which
// is what a leader on a slow mountain connection needs.
export const csr = false;
