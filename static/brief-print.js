// The brief's "Print / Save as PDF" button (routes/areas/[code=unitcode]/brief): the page ships
// no framework script, and the site's CSP allows no inline handler, so this file shows the
// button and opens the print dialog. Without JavaScript the button stays hidden.
for (const button of document.querySelectorAll('button[data-print]')) {
	button.hidden = false;
	button.addEventListener('click', () => window.print());
}
