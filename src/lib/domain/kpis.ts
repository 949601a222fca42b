/** The indicators a leader reads first, in that order (the area overview's tiles). */
export const KPI_INDICATORS = [
	'service_index',
	'on_time_rate',
	'online_uptake',
	'digitization_rate',
	'online_payment_rate',
	'satisfaction_rate',
	'overdue_backlog',
	'infra_index'
] as const;

/** What the area's table, map and alerts may show: the tiles' indicators and the volume. */
export const AREA_TABLE_INDICATORS = [...KPI_INDICATORS, 'dossier_volume'] as const;
