// Read, not operated: the form is a GET and every other control a link, so the page ships as
// HTML alone (no hydration, no copy of the series and map paths in a script), like /areas.
export const csr = false;
