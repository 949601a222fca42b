/**
 * How the indicator select groups the catalogue: public service (the 766 service index and
 * its six components), digital infrastructure (its index and five components) and dossier
 * volume. Every catalogue indicator appears exactly once (checked in indicator-groups.spec.ts).
 */
import { findIndicator, type Indicator, type IndicatorCode } from '$lib/domain/indicators';

export type IndicatorGroup = 'service' | 'infrastructure' | 'volume';

const GROUPS: Record<IndicatorGroup, IndicatorCode[]> = {
	service: [
		'service_index',
		'online_uptake',
		'on_time_rate',
		'digitization_rate',
		'online_payment_rate',
		'satisfaction_rate',
		'transparency_rate'
	],
	infrastructure: [
		'infra_index',
		'coverage_4g',
		'fiber_coverage',
		'digital_skills',
		'computers_per_staff',
		'one_stop_shop'
	],
	volume: ['dossier_volume', 'dossiers_per_1000', 'overdue_backlog']
};

/** The groups in display order, each with its indicators from the catalogue. */
export function indicatorGroups(): { group: IndicatorGroup; indicators: Indicator[] }[] {
	return (Object.keys(GROUPS) as IndicatorGroup[]).map((group) => ({
		group,
		indicators: GROUPS[group].map((code) => findIndicator(code)!)
	}));
}
