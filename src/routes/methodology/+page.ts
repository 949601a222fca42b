/**
 * The methodology is text rendered from the indicator catalogue: it needs no JavaScript, so the
 * page ships none (it also loads nothing: the catalogue is in the page's own code).
 */
export const csr = false;
