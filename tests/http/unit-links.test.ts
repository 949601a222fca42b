/**
 * Issue 12, item 3: codes are reused across the 2025-07-01 reorganisation, so a link to a unit
 * must name its version, or a predecessor bearing the page's own code links back to the page.
 * Walks every lineage link (predecessors, successors) of every Lai Châu unit page, in periods
 * before, across and after the reorganisation, and checks that each lands on the unit it names.
 * Plain `/units/CODE` links keep working. Against the built server (server-rendered HTML).
 */
import { describe, expect, inject, it } from 'vitest';

const base = inject('baseURL');
const PERIODS = ['2024-Q3', '2025', '2025-Q4'];

async function html(url: URL): Promise<string> {
	const res = await fetch(url);
	expect(res.status, url.href).toBe(200);
	return res.text();
}

const heading = (page: string) => /<h1[^>]*>([^<]*)<\/h1>/.exec(page)?.[1];

/** The links of the page's predecessor and successor lists, as (absolute URL, text). */
function lineageLinks(page: string, at: URL): { href: URL; name: string }[] {
	const lists = [...page.matchAll(/<ul class="links[^"]*">([\s\S]*?)<\/ul>/g)].map((m) => m[1]);
	return lists.flatMap((list) =>
		[...list.matchAll(/<a href="([^"]+)"[^>]*>([^<]+)<\/a>/g)].map((m) => ({
			href: new URL(m[1].replaceAll('&amp;', '&'), at),
			name: m[2]
		}))
	);
}

/** Every code that ever named a Lai Châu unit (both eras, every level). */
async function allCodes(): Promise<string[]> {
	const codes = new Set<string>();
	for (const at of ['2025-06-30', '2025-07-01'])
		for (const level of ['province', 'district', 'commune']) {
			const res = await fetch(`${base}/api/v1/units?level=${level}&at=${at}`);
			if (res.status !== 200) continue;
			for (const u of (await res.json()) as { code: string }[]) codes.add(u.code);
		}
	return [...codes].sort();
}

describe('lineage links name the version of the unit', () => {
	it('land on the unit they name, from every unit page', async () => {
		const codes = await allCodes();
		expect(codes.length).toBeGreaterThan(100);
		const named = new Map<string, string | undefined>();
		let links = 0;
		for (const code of codes)
			for (const period of PERIODS) {
				const at = new URL(`/units/${code}?period=${period}`, base);
				for (const link of lineageLinks(await html(at), at)) {
					links++;
					if (!named.has(link.href.href)) named.set(link.href.href, heading(await html(link.href)));
					expect(named.get(link.href.href), `${at.pathname}${at.search} → ${link.href.href}`).toBe(
						link.name
					);
				}
			}
		expect(links).toBeGreaterThan(200);
	});

	it('on /units/03618?period=2025 the predecessor Xã Phúc Than is another page', async () => {
		const at = new URL('/units/03618?period=2025', base);
		const page = await html(at);
		expect(heading(page)).toBe('Xã Mường Than');
		const links = lineageLinks(page, at);
		const phucThan = links.find((l) => l.name === 'Xã Phúc Than');
		expect(phucThan).toBeDefined();
		expect(heading(await html(phucThan!.href))).toBe('Xã Phúc Than');
	});

	it('keeps plain links: today’s unit, or the one of the period', async () => {
		expect(heading(await html(new URL('/units/03618', base)))).toBe('Xã Mường Than');
		expect(heading(await html(new URL('/units/03618?period=2024', base)))).toBe('Xã Phúc Than');
		expect(heading(await html(new URL('/units/03618?period=2025', base)))).toBe('Xã Mường Than');
	});
});
