import { describe, expect, it } from 'vitest';
import {
	MAX_QUERY_CHARS,
	matchTier,
	nameKeys,
	parseSearchQuery,
	rankMatches,
	type SearchQuery
} from './search.ts';

const ok = (raw: string) => {
	const q = parseSearchQuery(raw);
	if (q.kind !== 'ok') throw new Error(`"${raw}" is ${q.kind}`);
	return q;
};

describe('nameKeys', () => {
	it.each<[string, ReturnType<typeof nameKeys>]>([
		['Xã Mường Than', { full: 'xa muong than', core: 'muong than' }],
		['Phường Đoàn Kết', { full: 'phuong doan ket', core: 'doan ket' }],
		['Thị trấn Than Uyên', { full: 'thi tran than uyen', core: 'than uyen' }],
		['Huyện Than Uyên', { full: 'huyen than uyen', core: 'than uyen' }],
		['Thành phố Lai Châu', { full: 'thanh pho lai chau', core: 'lai chau' }],
		['Thị xã Mường Lay', { full: 'thi xa muong lay', core: 'muong lay' }],
		['Tỉnh Lai Châu', { full: 'tinh lai chau', core: 'lai chau' }],
		['TP. Lai Châu', { full: 'tp lai chau', core: 'lai chau' }],
		['Tp Lai Châu', { full: 'tp lai chau', core: 'lai chau' }],
		['TT. Than Uyên', { full: 'tt than uyen', core: 'than uyen' }],
		['Xã Pa ủ', { full: 'xa pa u', core: 'pa u' }],
		// A name that is only a prefix word keeps it: nothing would be left to match.
		['Xã', { full: 'xa', core: 'xa' }],
		['thị trấn', { full: 'thi tran', core: 'thi tran' }],
		// "Xã" inside a name is not a prefix.
		['Mường Xã', { full: 'muong xa', core: 'muong xa' }],
		['Sà Dề Phìn', { full: 'sa de phin', core: 'sa de phin' }],
		['  MƯỜNG   THAN ', { full: 'muong than', core: 'muong than' }]
	])('%j → %o', (name, keys) => {
		expect(nameKeys(name)).toEqual(keys);
	});
});

describe('parseSearchQuery', () => {
	it.each<[string | null, SearchQuery['kind']]>([
		[null, 'empty'],
		['', 'empty'],
		['   ', 'empty'],
		['m', 'short'],
		['Đ', 'short'],
		['xã m', 'short'],
		['  a  ', 'short'],
		['mu', 'ok'],
		['xã', 'ok'],
		['03618', 'ok'],
		['muong than', 'ok'],
		['Mường\u0000Than', 'invalid'],
		['muong\tthan', 'invalid'],
		['muong\nthan', 'invalid'],
		['muong\u007fthan', 'invalid'],
		['muong\u0085than', 'invalid'],
		['x'.repeat(MAX_QUERY_CHARS), 'ok'],
		['x'.repeat(MAX_QUERY_CHARS + 1), 'invalid']
	])('%j is %s', (raw, kind) => {
		expect(parseSearchQuery(raw).kind).toBe(kind);
	});

	it('names why a query is refused', () => {
		expect(parseSearchQuery('a\u0001b')).toEqual({ kind: 'invalid', reason: 'control' });
		expect(parseSearchQuery('a'.repeat(500))).toEqual({ kind: 'invalid', reason: 'long' });
	});

	it.each(['muong than', 'Muong Than', 'xã mường than', 'MƯỜNG THAN', ' Xã  Mường Than '])(
		'%j gives the core key "muong than"',
		(raw) => {
			expect(ok(raw).core).toBe('muong than');
			expect(ok(raw).words).toEqual(['muong', 'than']);
		}
	);

	it('keeps the text as typed (trimmed, NFC) for the form', () => {
		const q = ok(' Mường  Than '.normalize('NFD'));
		expect(q.text).toBe('Mường Than');
	});

	it('gives the same key for NFC and NFD input', () => {
		const name = 'Xã Mường Than';
		expect(ok(name.normalize('NFD')).core).toBe(ok(name.normalize('NFC')).core);
	});
});

describe('matchTier', () => {
	const tier = (query: string, name: string, code = '99999') =>
		matchTier(ok(query), { name, code });
	// [query, name] pairs by the tier the query finds the name in.
	const tiers: Record<number, [string, string][]> = {
		// The name as typed, prefix included; or the code.
		0: [
			['xã mường than', 'Xã Mường Than'],
			['thi tran than uyen', 'Thị trấn Than Uyên']
		],
		// The name without its prefix.
		1: [
			['muong than', 'Xã Mường Than'],
			['thi tran than uyen', 'Xã Than Uyên'],
			['than uyen', 'Huyện Than Uyên'],
			['lai chau', 'Tỉnh Lai Châu'],
			['tp lai chau', 'Thành phố Lai Châu']
		],
		// The start of the name.
		2: [
			['muong', 'Xã Mường Than'],
			['muong th', 'Xã Mường Than']
		],
		// The start of a later word.
		3: [
			['than', 'Xã Mường Than'],
			['uyen', 'Xã Tân Uyên']
		],
		// Anywhere.
		4: [['uong th', 'Xã Mường Than']],
		// Every word, in any order.
		5: [['than muong', 'Xã Mường Than']]
	};
	it.each(
		Object.entries(tiers).flatMap(([n, pairs]) =>
			pairs.map(([query, name]) => [query, name, Number(n)] as const)
		)
	)('%j in %j is tier %s', (query, name, expected) => {
		expect(tier(query, name)).toBe(expected);
	});

	it.each([
		['phuc than', 'Xã Mường Than'],
		['muong than x', 'Xã Mường Than'],
		['xa', 'Phường Tân Phong']
	])('%j in %j is no match', (query, name) => {
		expect(tier(query, name)).toBeNull();
	});

	it('matches the code exactly', () => {
		expect(tier('03618', 'Xã Mường Than', '03618')).toBe(0);
		expect(tier('0361', 'Xã Mường Than', '03618')).toBeNull();
	});
});

describe('rankMatches', () => {
	const unit = (
		code: string,
		name: string,
		current: boolean,
		valid_to: string | null,
		level: 'province' | 'district' | 'commune' = 'commune'
	) => ({ code, name, current, valid_to, level });
	const units = [
		unit('03595', 'Thị trấn Than Uyên', false, '2025-06-30'),
		unit('110', 'Huyện Than Uyên', false, '2025-06-30', 'district'),
		unit('03619', 'Xã Mường Than', false, '2025-06-30'),
		unit('03618', 'Xã Phúc Than', false, '2025-06-30'),
		unit('03598', 'Xã Tân Uyên', true, null),
		unit('03604', 'Xã Thân Thuộc', false, '2025-06-30'),
		unit('03618', 'Xã Mường Than', true, null),
		unit('03595', 'Xã Than Uyên', true, null),
		unit('12', 'Tỉnh Lai Châu', true, null, 'province')
	];
	const names = (query: string) =>
		rankMatches(ok(query), units).map((u) => `${u.name}${u.current ? '' : ' (old)'}`);

	it('puts current units first, then exact names, then prefixes', () => {
		expect(names('than uyen')).toEqual([
			'Xã Than Uyên',
			'Thị trấn Than Uyên (old)',
			'Huyện Than Uyên (old)'
		]);
		expect(names('than')).toEqual([
			'Xã Than Uyên',
			'Xã Mường Than',
			'Thị trấn Than Uyên (old)',
			'Huyện Than Uyên (old)',
			'Xã Thân Thuộc (old)',
			'Xã Mường Than (old)',
			'Xã Phúc Than (old)'
		]);
		expect(names('uyen')).toEqual([
			'Xã Tân Uyên',
			'Xã Than Uyên',
			'Thị trấn Than Uyên (old)',
			'Huyện Than Uyên (old)'
		]);
	});

	it.each(['muong than', 'Muong Than', 'xã mường than', 'MƯỜNG THAN'])(
		'%j finds both Xã Mường Than, today’s first',
		(query) => {
			expect(names(query)).toEqual(['Xã Mường Than', 'Xã Mường Than (old)']);
		}
	);

	it('within a tier, puts names spelt as typed (diacritics and all) first', () => {
		expect(names('thân')).toEqual([
			'Xã Than Uyên',
			'Xã Mường Than',
			'Xã Thân Thuộc (old)',
			'Thị trấn Than Uyên (old)',
			'Huyện Than Uyên (old)',
			'Xã Mường Than (old)',
			'Xã Phúc Than (old)'
		]);
	});

	it('finds both units that bore a reused code', () => {
		expect(names('03618')).toEqual(['Xã Mường Than', 'Xã Phúc Than (old)']);
	});

	it('keeps the first `limit` matches', () => {
		expect(rankMatches(ok('than'), units, 2).map((u) => u.code)).toEqual(['03595', '03618']);
	});
});
