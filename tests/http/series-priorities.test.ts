/**
 * CONTRACT.md /api/v1/series and /api/v1/priorities on the demo figures: the new Xã Than Uyên's
 * series runs unbroken from 2021-01, harmonised before the merger; Than Uyên district's communes
 * are ranked by recoverable points with a reason for every point lost.
 */
import { describe, expect, inject, it } from 'vitest';
import { lastCompleteMonth, monthsBetween } from '../../src/lib/domain/periods.ts';

const base = inject('baseURL');

async function get(path: string) {
	const res = await fetch(`${base}${path}`);
	return { status: res.status, body: await res.json() };
}

describe('/api/v1/series', () => {
	it('the new Xã Than Uyên (03595) runs monthly from 2021-01 to the last complete month, harmonised before 2025-07', async () => {
		const { status, body } = await get(
			'/api/v1/series?indicator=online_uptake&unit=03595&grain=month'
		);
		expect(status).toBe(200);
		expect(body.unit).toMatchObject({
			code: '03595',
			name: 'Xã Than Uyên',
			valid_from: '2025-07-01'
		});
		const last = lastCompleteMonth(new Date().toISOString().slice(0, 10));
		const expected = monthsBetween('2021-01', last);
		expect(body.rows.map((r: { period: string }) => r.period)).toEqual(expected);
		for (const r of body.rows) {
			expect(r.value, r.period).not.toBeNull();
			expect(r.value).toBeCloseTo((r.numerator / r.denominator) * 100, 9);
			expect(r.harmonised, r.period).toBe(r.period < '2025-07');
		}
		expect(body.predecessors.map((p: { code: string }) => p.code).sort()).toEqual([
			'03595',
			'03619',
			'03631',
			'03632'
		]);
	});

	it('knows the year’s target and whether the last six months’ trend reaches it by December', async () => {
		for (const grain of ['month', 'quarter']) {
			const { body } = await get(
				`/api/v1/series?indicator=online_uptake&unit=03595&grain=${grain}`
			);
			expect(body.target).toEqual({ year: Number(body.to.slice(0, 4)), value: 50 });
			expect(['on_track', 'at_risk', 'off_track']).toContain(body.trend.status);
			const gap = body.target.value - body.trend.projected;
			expect(body.trend.status).toBe(
				gap <= 0 ? 'on_track' : gap <= 0.05 * 50 ? 'at_risk' : 'off_track'
			);
		}
		const volume = (await get('/api/v1/series?indicator=dossier_volume&unit=03595')).body;
		expect(volume.target).toBeNull();
		expect(volume.trend).toBeNull();
	});

	it('sums to quarters and years consistently with months', async () => {
		const months = (
			await get('/api/v1/series?indicator=dossier_volume&unit=03595&from=2024&to=2024')
		).body.rows;
		const quarters = (
			await get(
				'/api/v1/series?indicator=dossier_volume&unit=03595&from=2024&to=2024&grain=quarter'
			)
		).body.rows;
		const year = (
			await get('/api/v1/series?indicator=dossier_volume&unit=03595&from=2024&to=2024&grain=year')
		).body.rows;
		const total = months.reduce((s: number, r: { value: number }) => s + r.value, 0);
		expect(quarters).toHaveLength(4);
		expect(quarters.reduce((s: number, r: { value: number }) => s + r.value, 0)).toBe(total);
		expect(year).toEqual([
			expect.objectContaining({ period: '2024', value: total, harmonised: true })
		]);
	});

	it('a pre-2025 commune ends at 2025-06 and names its successor', async () => {
		const { body } = await get(
			'/api/v1/series?indicator=dossier_volume&unit=03618&at=2024-01-01&grain=quarter'
		);
		expect(body.unit.name).toBe('Xã Phúc Than');
		expect(body.rows.at(-1).period).toBe('2025-Q2');
		expect(body.successors.map((s: { code: string }) => s.code)).toEqual(['03618']);
	});

	it.each([
		['/api/v1/series?indicator=nope&unit=03595', 404],
		['/api/v1/series?indicator=online_uptake&unit=77777', 404],
		['/api/v1/series?indicator=online_uptake&unit=03595&grain=week', 400],
		['/api/v1/series?indicator=online_uptake&unit=03595&from=2024-Q9', 400],
		['/api/v1/series?indicator=online_uptake&unit=03595&from=2025&to=2024', 400]
	])('%s → %i with a message', async (path, status) => {
		const r = await get(path);
		expect(r.status).toBe(status);
		expect(typeof r.body.error).toBe('string');
	});
});

describe('/api/v1/priorities', () => {
	it('lists Than Uyên’s 12 communes by points recoverable, each lost point explained', async () => {
		const { status, body } = await get('/api/v1/priorities?parent=110&period=2024');
		expect(status).toBe(200);
		expect(body.rows).toHaveLength(12);
		let previous = Infinity;
		for (const r of body.rows) {
			expect(r.points_recoverable).toBeLessThanOrEqual(previous);
			previous = r.points_recoverable;
			expect(r.service_index + r.points_recoverable).toBeCloseTo(100, 9);
			const lost = r.gaps.reduce((s: number, g: { points_lost: number }) => s + g.points_lost, 0);
			expect(lost).toBeCloseTo(r.points_recoverable, 9);
			for (const g of r.gaps) {
				expect(g.action.length).toBeGreaterThan(20);
				if (g.points_lost > 0) expect(g.action).toMatch(/\d/);
			}
		}
	});

	it('explains in English on request', async () => {
		const { body } = await get('/api/v1/priorities?parent=110&period=2024&lang=en');
		const gap = body.rows[0].gaps.find((g: { points_lost: number }) => g.points_lost > 0);
		expect(gap.action).toMatch(/threshold/);
	});

	it.each([
		['/api/v1/priorities?period=2024', 400],
		['/api/v1/priorities?parent=110&period=2024-W1', 400],
		['/api/v1/priorities?parent=00000&period=2024', 404]
	])('%s → %i', async (path, status) => {
		expect((await get(path)).status).toBe(status);
	});
});
