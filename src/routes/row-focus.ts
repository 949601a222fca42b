/**
 * Which unit a table's rows point at, for the map to outline: one listener of each kind on the
 * body (delegated), not four per row. Pointing at a row or focusing its link names the unit
 * (`tbody tr[data-code]`); leaving the rows (or the link) withdraws it.
 */
export function rowFocusHandlers(onfocusunit: (code: string | null) => void) {
	const rowCode = (node: EventTarget | null) =>
		(node as Element | null)?.closest?.('tbody tr[data-code]')?.getAttribute('data-code') ?? null;
	let pointed: string | null = null;
	return {
		onmouseover(event: MouseEvent) {
			const code = rowCode(event.target);
			if (code === pointed) return;
			pointed = code;
			onfocusunit(code);
		},
		onmouseout(event: MouseEvent) {
			if (rowCode(event.relatedTarget) !== null || pointed === null) return;
			pointed = null;
			onfocusunit(null);
		},
		onfocusin(event: FocusEvent) {
			const code = rowCode(event.target);
			if (code && (event.target as Element).matches('a')) onfocusunit(code);
		},
		onfocusout(event: FocusEvent) {
			if ((event.target as Element).matches('a')) onfocusunit(null);
		}
	};
}
