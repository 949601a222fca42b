/**
 * A sheet as it is laid out, before any row is taken for a header: every non-empty row with its
 * line (spreadsheet row or CSV line) and its cells as text, and the merged ranges of an XLSX
 * sheet. The official forms (ii06a.ts) are read from this, since their header is several rows
 * down and two rows deep.
 */

/** A merged range: 1-based rows, 0-based columns, inclusive. */
export interface Merge {
	top: number;
	bottom: number;
	left: number;
	right: number;
}

export interface Grid {
	rows: { line: number; cells: string[] }[];
	merges: Merge[];
}

/**
 * The grid with each merged range's value copied from its top-left cell into every cell it
 * covers, as a person reading the sheet sees it.
 */
export function unmerged(grid: Grid): Grid['rows'] {
	const byLine = new Map(grid.rows.map((r) => [r.line, [...r.cells]]));
	for (const m of grid.merges) {
		const value = byLine.get(m.top)?.[m.left] ?? '';
		if (value === '') continue;
		for (let line = m.top; line <= m.bottom; line++) {
			// Covered rows may not exist in the file (no cell of theirs has a value).
			let cells = byLine.get(line);
			if (!cells) byLine.set(line, (cells = []));
			for (let c = m.left; c <= m.right && c < 256; c++) if (!cells[c]) cells[c] = value;
		}
	}
	return [...byLine.entries()]
		.sort((a, b) => a[0] - b[0])
		.map(([line, cells]) => ({ line, cells: Array.from(cells, (c) => c ?? '') }));
}
