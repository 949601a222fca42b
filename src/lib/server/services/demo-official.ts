/**
 * Demo official Decision 766 scores (labelled demo data wherever shown): for the latest quarter
 * with figures and for 2025-Q3 (the quarter of the 1 July 2025 reorganisation), the portal's
 * scores of every commune are our own, rounded as the portal publishes them (2 decimals), except
 * a few deliberate differences with the causes the reconciliation can find in the store:
 * - every commune that misses a month of the period scores 2 more points for on-time resolution
 *   (the portal had the month we do not);
 * - in 2025-Q3, three communes formed by the merger score 1,6 more for online filing;
 * - two communes of the latest quarter were published 10 days after it ended, before their
 *   figures reached us (every demo figure is written when the demo is generated): −1,8 for
 *   digitisation;
 * - one commune differs by 1,4 for satisfaction with no cause the store knows.
 * Seeded and reproducible; replaces earlier demo scores and never touches imported ones.
 */
import type { Store } from '../db/index.ts';
import type { IndicatorCode } from '../../domain/indicators.ts';
import { findIndicator } from '../../domain/indicators.ts';
import { addMonths, lastDay, parsePeriod } from '../../domain/periods.ts';
import { today } from '../../domain/clock.ts';
import { OFFICIAL_GROUPS } from '../../domain/reconcile.ts';
import { defaultPeriod } from '../../state/period-menu.ts';
import { valuesFor } from '../queries/values.ts';
import { dataSpan } from '../queries/settings.ts';
import { knownCauses } from '../queries/reconciliation.ts';
import {
	deleteDemoOfficial,
	officialScoresFor,
	saveOfficialScores,
	type OfficialInput
} from '../queries/official-scores.ts';
import { hashKey } from './demo-random.ts';
import { DEFAULT_SEED } from './demo-model.ts';

const round2 = (x: number) => Math.round(x * 100) / 100;

/** Moves one group by `delta` points (kept within 0 … its points) and the total with it. */
function shift(row: OfficialInput, code: IndicatorCode, delta: number): void {
	const points = findIndicator(code)!.scoring!.points;
	const before = row.groups[code];
	if (before === null || before === undefined) return;
	// Room on the side asked for, else the other way: the difference must show.
	const d = before + delta > points || before + delta < 0 ? -delta : delta;
	row.groups[code] = round2(before + d);
	row.total = round2(Math.min(100, Math.max(0, row.total + d)));
}

/** Writes the demo official scores; returns how many rows. */
export async function generateDemoOfficial(
	store: Store,
	seed = DEFAULT_SEED
): Promise<{ rows: number; periods: string[] }> {
	const span = await dataSpan(store);
	if (!span.last) return { rows: 0, periods: [] };
	const latest = defaultPeriod(span.last, today());
	const periods = [...new Set([latest, '2025-Q3'])].filter(
		(p) =>
			span.first !== null &&
			parsePeriod(p)!.start >= span.first &&
			parsePeriod(p)!.end <= span.last!
	);
	const rows: OfficialInput[] = [];
	for (const code of periods) {
		const period = parsePeriod(code)!;
		const values = await valuesFor(store, {
			indicator: 'service_index',
			period: code,
			level: 'commune',
			parent: null
		});
		const units = values.rows.map((r, k) => ({ r, id: values.unitIds[k] }));
		const causes = await knownCauses(
			store,
			units.map(({ r, id }) => ({ id, reported: r.months_reported, expected: r.months_expected })),
			period
		);
		// A seeded order of the communes picks the deliberate differences.
		const order = units
			.filter(({ r }) => r.value !== null)
			.sort((a, b) => hashKey(`${seed}|${code}|${a.id}`) - hashKey(`${seed}|${code}|${b.id}`));
		const stable = order.filter(({ id }) => (causes.get(id) ?? []).length === 0);
		const late = code === latest ? new Set(stable.slice(0, 2).map((u) => u.id)) : new Set<number>();
		const unknown = stable[2]?.id;
		const merged = new Set(
			order
				.filter(({ id }) => causes.get(id)?.some((c) => c.kind === 'merged'))
				.slice(0, 3)
				.map((u) => u.id)
		);
		for (const { r, id } of order) {
			const earned = new Map((r.components ?? []).map((c) => [c.code, c.earned]));
			const row: OfficialInput = {
				unitId: id,
				period: code,
				groups: Object.fromEntries(
					OFFICIAL_GROUPS.map((g) => [g, earned.get(g) == null ? null : round2(earned.get(g)!)])
				),
				total: round2(r.value!),
				publishedOn: null
			};
			if (causes.get(id)?.some((c) => c.kind === 'missing_months')) shift(row, 'on_time_rate', 2);
			if (merged.has(id)) shift(row, 'online_uptake', 1.6);
			if (late.has(id)) {
				// Before today, so that the demo's figures (written now) came after it.
				const tenth = nextMonthTenth(period.end);
				row.publishedOn = tenth < today() ? tenth : lastDay(period.end);
				shift(row, 'digitization_rate', -1.8);
			}
			if (id === unknown) shift(row, 'satisfaction_rate', 1.4);
			rows.push(row);
		}
	}
	await deleteDemoOfficial(store);
	// Scores imported or typed for a unit and period stay: the demo only fills the others.
	const kept: OfficialInput[] = [];
	for (const code of periods) {
		const list = rows.filter((r) => r.period === code);
		const real = await officialScoresFor(
			store,
			list.map((r) => r.unitId),
			code
		);
		kept.push(...list.filter((r) => !real.has(r.unitId)));
	}
	await saveOfficialScores(store, kept, { userId: null, actor: 'demo', source: 'demo' });
	return { rows: kept.length, periods };
}

/** The 10th of the month after `month` (`YYYY-MM`): when the portal published. */
function nextMonthTenth(month: string): string {
	return `${addMonths(month, 1)}-10`;
}
