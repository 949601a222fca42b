import { describe, expect, it } from 'vitest';
import { formatFragment, isViewFragment, parseFragment } from './view-hash';

describe('view fragment', () => {
	it('round-trips a position and a selection', () => {
		const fragment = { position: { zoom: 9.25, lat: 22.3861, lng: 103.4577 }, selection: '03618' };
		const hash = formatFragment(fragment);
		expect(hash).toBe('#map=9.25/22.3861/103.4577&sel=03618');
		expect(parseFragment(hash)).toEqual(fragment);
	});
	it.each([
		['#map=9/22', null],
		['#map=99/22/103', null],
		['#map=9/95/103', null],
		['#map=a/b/c', null],
		['', null]
	])('ignores an unusable position %s', (hash, position) => {
		expect(parseFragment(hash).position).toBe(position);
	});
	it('ignores a selection that is not a unit code', () => {
		expect(parseFragment('#sel=<script>').selection).toBeNull();
		expect(parseFragment('#sel=123456').selection).toBeNull();
	});
	it('writes nothing for an empty view and leaves anchors alone', () => {
		expect(formatFragment({ position: null, selection: null })).toBe('');
		expect(isViewFragment('#figures')).toBe(false);
		expect(isViewFragment('#map=1/2/3')).toBe(true);
		expect(isViewFragment('')).toBe(true);
	});
});
