/**
 * Issue 14 (search): `searchUnits` on the real Lai Châu units finds old and new units by name,
 * today's first, with the lineage that says where each went and what each was formed from.
 * Runs on PGlite, and on PostgreSQL when DATABASE_URL is set.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestStore, type TestStore } from '../support/test-store.ts';
import { migrateStore } from '../../src/lib/server/db/migrate.ts';
import { seedMeasures, seedUnits } from '../../src/lib/server/services/units-seed.ts';
import { searchUnits } from '../../src/lib/server/queries/search.ts';
import { parseSearchQuery, type ValidQuery } from '../../src/lib/domain/search.ts';
import { QueryError } from '../../src/lib/server/queries/errors.ts';

let t: TestStore;
const AT = '2026-01-15';

const query = (text: string) => parseSearchQuery(text) as ValidQuery;
const search = (text: string, options: Partial<Parameters<typeof searchUnits>[2]> = {}) =>
	searchUnits(t.store, query(text), { at: AT, ...options });

beforeAll(async () => {
	t = await createTestStore();
	await migrateStore(t.store);
	await t.store.transaction(async (tx) => {
		await seedMeasures(tx);
		await seedUnits(tx);
	});
}, 120_000);

afterAll(async () => {
	await t?.cleanup();
});

describe('searchUnits', () => {
	it('finds both Xã Mường Than: today’s first, formed from Phúc Than; the old one went into Than Uyên', async () => {
		const rows = await search('muong than');
		expect(rows.map((r) => [r.code, r.name, r.current, r.valid_from, r.valid_to])).toEqual([
			['03618', 'Xã Mường Than', true, '2025-07-01', null],
			['03619', 'Xã Mường Than', false, null, '2025-06-30']
		]);
		const [today, old] = rows;
		expect(today.predecessors.map((p) => p.name)).toContain('Xã Phúc Than');
		expect(today.successors).toEqual([]);
		expect(old.successors).toEqual([
			{
				code: '03595',
				name: 'Xã Than Uyên',
				valid_from: '2025-07-01',
				valid_to: null,
				share: 1
			}
		]);
		expect(old.parent_name).toBe('Huyện Than Uyên');
	});

	it.each(['Muong Than', 'xã mường than', 'MƯỜNG THAN', 'Xã Mường Than'])(
		'%j gives the same units in the same order',
		async (text) => {
			const ids = (rows: { code: string; valid_from: string | null }[]) =>
				rows.map((r) => `${r.code}@${r.valid_from}`);
			expect(ids(await search(text))).toEqual(ids(await search('muong than')));
		}
	);

	it('puts today’s Xã Than Uyên first for "than uyen"', async () => {
		const rows = await search('than uyen');
		expect(rows[0]).toMatchObject({ code: '03595', name: 'Xã Than Uyên', current: true });
		expect(rows.map((r) => r.name)).toEqual(
			expect.arrayContaining(['Thị trấn Than Uyên', 'Huyện Than Uyên'])
		);
		expect(rows.findIndex((r) => !r.current)).toBeGreaterThan(0);
	});

	it('finds an old name and says where it went', async () => {
		const [phucThan] = await search('phuc than');
		expect(phucThan).toMatchObject({ name: 'Xã Phúc Than', current: false });
		expect(phucThan.successors.map((s) => s.name)).toEqual(['Xã Mường Than']);
	});

	it('judges "current" on the date asked', async () => {
		const rows = await search('muong than', { at: '2024-06-01' });
		expect(rows.map((r) => [r.code, r.current])).toEqual([
			['03619', true],
			['03618', false]
		]);
	});

	it('filters by level and parent', async () => {
		expect((await search('than uyen', { level: 'district' })).map((r) => r.name)).toEqual([
			'Huyện Than Uyên'
		]);
		const under = await search('than', { parentCode: '110', at: '2024-06-01' });
		expect(under.length).toBeGreaterThan(0);
		expect(under.every((r) => r.parent_code === '110')).toBe(true);
		await expect(search('than', { parentCode: '99999' })).rejects.toBeInstanceOf(QueryError);
	});

	it('takes LIKE wildcards literally and finds nothing for them', async () => {
		expect(await search('%%')).toEqual([]);
		expect(await search('__')).toEqual([]);
	});
});
