import { describe, expect, it } from 'vitest';
import { editDistance, matcher } from './name-match.ts';

const units = [
	{ name: 'Xã Mường Than', code: '1' },
	{ name: 'Xã Than Uyên', code: '2' },
	{ name: 'Thị trấn Than Uyên', code: '3' },
	{ name: 'Phường Tân Phong', code: '4' }
];
const find = matcher(units);

describe('matcher', () => {
	it.each([
		['Xã Mường Than', '1'],
		['muong than', '1'],
		['MƯỜNG THAN', '1'],
		['Xa Muong  Than', '1'],
		['Tân Phong', '4'],
		['Thị trấn Than Uyên', '3'],
		['TT Than Uyên', '3']
	])('%s → %s', (name, code) => {
		const found = find(name);
		expect(found.kind === 'one' && found.unit.code).toBe(code);
	});

	it('says when a name without its type fits several units', () => {
		expect(find('Than Uyên')).toEqual({ kind: 'several', units: [units[1], units[2]] });
	});

	it('gives the nearest names for an unknown one', () => {
		const found = find('Xã Mường Thanh');
		expect(found.kind).toBe('none');
		expect(found.kind === 'none' && found.nearest[0].code).toBe('1');
	});

	it('measures edit distance', () => {
		expect(editDistance('muong than', 'muong thanh')).toBe(1);
		expect(editDistance('', 'abc')).toBe(3);
		expect(editDistance('kitten', 'sitting')).toBe(3);
	});
});
