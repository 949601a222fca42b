import { describe, expect, it } from 'vitest';
import {
	axisTicks,
	chartPicture,
	type ChartPictureInput,
	type ChartPictureLine
} from './chart-picture';

/** Xã <A>'s line: a gap in February, a low-confidence March, a January summed from old units. */
const line = (over: Partial<ChartPictureLine> = {}): ChartPictureLine => ({
	key: '001',
	label: 'Xã <A>',
	color: '#0072b2',
	dash: '',
	values: [80, null, 90.5, 95],
	harmonised: [true, false, false, false],
	low: [false, false, true, false],
	...over
});

const input = (over: Partial<ChartPictureInput> = {}): ChartPictureInput => ({
	width: 1200,
	height: 700,
	title: 'Tỷ lệ hồ sơ đúng hạn',
	subtitle: 'Xã A · Tháng 1/2024 – Tháng 4/2024',
	label: 'Biểu đồ',
	periods: ['2024-01', '2024-02', '2024-03', '2024-04'],
	periodLabels: ['T1', 'T2', 'T3', 'T4'],
	lines: [line()],
	formatTick: (v) => `${v}%`,
	formatValue: (v) => `${String(v).replace('.', ',')}%`,
	ceiling: 100,
	target: null,
	keys: { harmonised: 'Cộng từ xã cũ', low: 'Ít hồ sơ', target: 'Mục tiêu' },
	footer: ['Nguồn: dữ liệu minh hoạ', 'Tạo ngày 7/12/2026'],
	demoChip: 'Dữ liệu minh hoạ',
	...over
});

const points = (svg: string) =>
	[
		...svg.matchAll(
			/<circle class="point" data-period="([^"]+)" data-value="([^"]+)"[^>]* fill="([^"]+)"/g
		)
	].map((m) => ({ period: m[1], value: Number(m[2]), fill: m[3] }));

describe('chartPicture', () => {
	it('draws one point per figure, hollow when low confidence, none for a gap', () => {
		const svg = chartPicture(input());
		expect(points(svg)).toEqual([
			{ period: '2024-01', value: 80, fill: '#0072b2' },
			{ period: '2024-03', value: 90.5, fill: '#ffffff' },
			{ period: '2024-04', value: 95, fill: '#0072b2' }
		]);
		expect(svg).toContain('<title>Xã &lt;A&gt;, T3: 90,5%</title>');
		expect(svg).toContain('class="last-value"');
		expect(svg).toContain('>95%</text>');
	});

	// The title, subtitle, footer, demo chip and the legend of the marks used.
	it.each([
		'Tỷ lệ hồ sơ đúng hạn',
		'Xã A · Tháng 1/2024',
		'Nguồn: dữ liệu minh hoạ',
		'Tạo ngày 7/12/2026',
		'demo-chip',
		'Cộng từ xã cũ',
		'Ít hồ sơ'
	])('burns in %j', (text) => {
		expect(chartPicture(input())).toContain(text);
	});

	it('draws no target without one, marks the harmonised months, and drops a null demo chip', () => {
		const svg = chartPicture(input());
		// No target given: no target rule and no target key.
		expect(svg).not.toContain('Mục tiêu');
		expect(svg).toContain('class="harmonised"');
		expect(chartPicture(input({ demoChip: null }))).not.toContain('demo-chip');
	});

	it('breaks the line at a month without a figure', () => {
		const svg = chartPicture(
			input({ lines: [line({ harmonised: [false, false, false, false] })] })
		);
		const d = svg.match(/<g class="line"[^>]*>\n<path d="([^"]+)"/)![1];
		expect(d.match(/M/g)!.length).toBe(2);
	});

	it('draws a target rule with its key, and several lines with one legend row each', () => {
		const two = input({
			target: { value: 92, from: 0, label: 'Mục tiêu 92%' },
			lines: [line(), line({ key: '002', label: 'Xã B', color: '#d55e00', dash: '6 3' })]
		});
		const svg = chartPicture(two);
		expect(svg).toContain('class="target"');
		expect(svg.match(/<g class="line"/g)!.length).toBe(2);
		expect(svg.match(/<g class="legend-row">/g)!.length).toBe(5);
		expect(svg).not.toContain('class="last-value"');
	});
});

describe('axisTicks', () => {
	it.each([
		[0, 8, []],
		[4, 8, [0, 1, 2, 3]],
		[12, 6, [1, 3, 5, 7, 9, 11]],
		[60, 8, [3, 11, 19, 27, 35, 43, 51, 59]]
	])('%i periods, at most %i labels', (count, max, ticks) => {
		expect(axisTicks(count, max)).toEqual(ticks);
		expect(axisTicks(count, max).length).toBeLessThanOrEqual(max);
	});
});
