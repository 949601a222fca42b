import { describe, expect, it } from 'vitest';
import { embedCode, parseClassing, pictureLink, pictureQuery, shareTargets } from './picture-links';

describe('parseClassing', () => {
	it.each(['bands', 'quantile', 'equal', 'ckmeans'])('reads %s, a choice of the map', (raw) => {
		expect(parseClassing(raw)).toBe(raw);
	});
	it('is null when absent', () => {
		expect(parseClassing(null)).toBeNull();
		expect(parseClassing('')).toBeNull();
	});
	it.each(['jenks', 'quantile-5', 'fixed', 'quantile-', '5'])('refuses %s, naming it', (raw) => {
		expect(() => parseClassing(raw)).toThrow(raw);
	});
});

describe('picture and share links', () => {
	const view = { indicator: 'online_uptake', period: '2025-Q3', level: 'commune' as const };
	it('writes only what is set, lang only when not Vietnamese', () => {
		expect(pictureQuery({ ...view, lang: 'vi' })).toBe(
			'indicator=online_uptake&period=2025-Q3&level=commune'
		);
		expect(
			pictureLink(
				{ ...view, parent: '12', asOf: '2025-07-01', classes: 'equal', lang: 'en' },
				'png',
				'og'
			)
		).toBe(
			'/api/v1/map.png?indicator=online_uptake&period=2025-Q3&level=commune&parent=12&as_of=2025-07-01&classes=equal&lang=en&size=og'
		);
	});
	it('encodes the shared link whole, fragment included', () => {
		const url = 'https://xaso.vn/?indicator=a&period=2025#map=9.00/22.0000/103.0000&sel=03532';
		const { zalo, facebook } = shareTargets(url);
		expect(new URL(zalo).searchParams.get('url')).toBe(url);
		expect(new URL(facebook).searchParams.get('u')).toBe(url);
	});
	it('escapes the embed code', () => {
		const code = embedCode('https://x/embed/map?a=1&b="2"', 'Tỷ lệ <b>');
		expect(code).toContain('src="https://x/embed/map?a=1&amp;b=&quot;2&quot;"');
		expect(code).toContain('title="Tỷ lệ &lt;b>"');
	});
});
