/**
 * Issue 12, item 3: codes are reused across the 2025-07-01 reorganisation, so a link to a unit
 * must name its version, or a predecessor bearing the page's own code links back to the page.
 * Walks every lineage link (predecessors, successors) of the page of every Lai Châu unit of both
 * eras, and checks that each lands on the unit it names.
 * Plain `/units/CODE` links keep working. Against the built server (server-rendered HTML).
 */
import { describe, expect, inject, it } from 'vitest';

const base = inject('baseURL');

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

/** The codes of the Lai Châu units (every level) in force on a day. */
async function codesOn(at: string): Promise<string[]> {
	const codes: string[] = [];
	for (const level of ['province', 'district', 'commune']) {
		const res = await fetch(`${base}/api/v1/units?level=${level}&at=${at}`);
		if (res.status === 200)
			codes.push(...((await res.json()) as { code: string }[]).map((u) => u.code));
	}
	return codes;
}

/**
 * A page for every unit of both eras, by plain links: each code in 2025 (the period across the
 * reorganisation, where a reused code is the new unit's), and the reused codes again in
 * 2024-Q3 for the old units that bore them.
 */
async function everyUnitPage(): Promise<URL[]> {
	const before = await codesOn('2025-06-30');
	const after = new Set(await codesOn('2025-07-01'));
	const codes = [...new Set([...before, ...after])];
	return [
		...codes.map((code) => new URL(`/units/${code}?period=2025`, base)),
		...before
			.filter((code) => after.has(code))
			.map((code) => new URL(`/units/${code}?period=2024-Q3`, base))
	];
}

describe('lineage links name the version of the unit', () => {
	it('land on the unit they name, from every unit page', { timeout: 300_000 }, async () => {
		const pages = await everyUnitPage();
		expect(pages.length).toBeGreaterThan(150);
		const named = new Map<string, Promise<string | undefined>>();
		const headingAt = (url: URL) => {
			if (!named.has(url.href)) named.set(url.href, html(url).then(heading));
			return named.get(url.href)!;
		};
		let links = 0;
		// A few pages at a time: quick enough, and gentle on a shared machine.
		for (let i = 0; i < pages.length; i += 4)
			await Promise.all(
				pages.slice(i, i + 4).map(async (page) => {
					for (const link of lineageLinks(await html(page), page)) {
						links++;
						expect(await headingAt(link.href), `${page.href} → ${link.href.href}`).toBe(link.name);
					}
				})
			);
		expect(links).toBeGreaterThan(150);
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

	it('resolves a version named by at, whatever the period; a date no unit bore it is a 404', async () => {
		const old = new URL('/units/03618?period=2025-Q4&at=2025-06-30', base);
		expect(heading(await html(old))).toBe('Xã Phúc Than');
		expect(heading(await html(new URL('/units/03618?at=2019-01-01', base)))).toBe('Xã Phúc Than');
		expect(heading(await html(new URL('/units/03618?at=2025-07-01', base)))).toBe('Xã Mường Than');
		const bad = await html(new URL('/units/03618?period=2024&at=nonsense', base));
		expect(heading(bad)).toBe('Xã Phúc Than');
		expect(bad).toContain('Tham số “at” không hợp lệ');
		const gone = await fetch(new URL('/units/105?at=2025-12-31', base));
		expect(gone.status).toBe(404);
	});
});
