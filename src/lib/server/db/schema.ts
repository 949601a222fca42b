/**
 * The store. Raw monthly counts live in `observations` (one row per unit, month, measure);
 * `monthly_facts` is the same data pivoted to one row per unit-month, rebuilt for the touched
 * unit-months in the same transaction as every write, so that reads aggregate a narrow table.
 */
import { sql } from 'drizzle-orm';
import {
	customType,
	bigint,
	bigserial,
	boolean,
	check,
	date,
	doublePrecision,
	index,
	integer,
	jsonb,
	pgTable,
	primaryKey,
	serial,
	smallint,
	text,
	timestamp,
	uniqueIndex
} from 'drizzle-orm/pg-core';

/** Administrative units of every era. A unit is its code plus its validity: codes are reused. */
export const units = pgTable(
	'units',
	{
		id: serial('id').primaryKey(),
		code: text('code').notNull(),
		name: text('name').notNull(),
		shortName: text('short_name').notNull(),
		type: text('type').notNull(),
		level: text('level', { enum: ['province', 'district', 'commune'] }).notNull(),
		parentId: integer('parent_id'),
		/** Denormalised ancestors, filled by the seed, so aggregation needs no recursion. */
		districtId: integer('district_id'),
		provinceId: integer('province_id'),
		validFrom: date('valid_from'),
		validTo: date('valid_to'),
		lon: doublePrecision('lon'),
		lat: doublePrecision('lat'),
		areaKm2: doublePrecision('area_km2'),
		population: integer('population'),
		/** GeoJSON geometry (Polygon or MultiPolygon), null when no boundary has been imported. */
		geometry: jsonb('geometry'),
		geometrySource: text('geometry_source'),
		/** Lower-case name without diacritics, for search by old or new name. */
		searchName: text('search_name').notNull()
	},
	(t) => [
		uniqueIndex('units_code_valid_from').on(t.code, sql`coalesce(${t.validFrom}, '0001-01-01')`),
		index('units_parent').on(t.parentId),
		index('units_level').on(t.level),
		// A province's or district's communes (every aggregate's unit map), and the dates on which
		// a level's units changed (the map frame of every view).
		index('units_province').on(t.provinceId),
		index('units_district').on(t.districtId),
		index('units_level_valid_from').on(t.level, t.validFrom),
		index('units_level_valid_to').on(t.level, t.validTo)
	]
);

/** Predecessor → successor links (mergers, splits) with the share of the predecessor passed on. */
export const lineage = pgTable(
	'lineage',
	{
		id: serial('id').primaryKey(),
		fromUnitId: integer('from_unit_id')
			.notNull()
			.references(() => units.id),
		toUnitId: integer('to_unit_id')
			.notNull()
			.references(() => units.id),
		effective: date('effective').notNull(),
		relation: text('relation').notNull(),
		share: doublePrecision('share').notNull().default(1),
		legalBasis: text('legal_basis')
	},
	(t) => [
		uniqueIndex('lineage_from_to').on(t.fromUnitId, t.toUnitId),
		index('lineage_to').on(t.toUnitId),
		check('lineage_share', sql`${t.share} > 0 and ${t.share} <= 1`)
	]
);

/** The catalogue of raw measures (CONTRACT.md). */
export const measures = pgTable('measures', {
	code: text('code').primaryKey(),
	nameVi: text('name_vi').notNull(),
	nameEn: text('name_en').notNull(),
	kind: text('kind', { enum: ['flow', 'stock'] }).notNull(),
	/** The measure this one is a part of (online ≤ received …), if any. */
	partOf: text('part_of'),
	position: smallint('position').notNull()
});

/** Import batches: every write of figures belongs to one. */
export const importBatches = pgTable('import_batches', {
	id: serial('id').primaryKey(),
	source: text('source', { enum: ['import', 'form', 'demo', 'seed', 'bench'] }).notNull(),
	fileName: text('file_name'),
	sha256: text('sha256'),
	userId: integer('user_id'),
	actor: text('actor').notNull(),
	createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
	inserted: integer('inserted').notNull().default(0),
	updated: integer('updated').notNull().default(0),
	unchanged: integer('unchanged').notNull().default(0),
	note: text('note')
});

/**
 * Approved raw monthly figures: the public truth. Blank (not reported) is the absence of a row.
 *
 * The key leads with the month: a monthly report appends to the right edge of the index instead
 * of touching ~10,000 places in it, which is what lets a national import run near the speed of a
 * plain COPY (docs/SCALING.md). The references to units, measures and import_batches are not
 * foreign keys, for the same reason: three row triggers per figure cost 5/6 of an import. Every
 * writer resolves unit ids from `units`, measure codes from the catalogue and writes its batch in
 * the same transaction, `applyFigures` checks the ids as a set, and triggers (migration 0004)
 * refuse to delete a unit, measure or batch that figures still point at.
 */
export const observations = pgTable(
	'observations',
	{
		unitId: integer('unit_id').notNull(),
		month: date('month').notNull(),
		measureCode: text('measure_code').notNull(),
		value: bigint('value', { mode: 'number' }).notNull(),
		batchId: integer('batch_id').notNull(),
		updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow()
	},
	(t) => [
		primaryKey({ columns: [t.month, t.unitId, t.measureCode] }),
		check('observations_value', sql`${t.value} >= 0`),
		check('observations_month', sql`extract(day from ${t.month}) = 1`)
	]
);

/** One row per unit-month, a column per measure (null = not reported). Derived; see above. */
export const monthlyFacts = pgTable(
	'monthly_facts',
	{
		unitId: integer('unit_id').notNull(),
		month: date('month').notNull(),
		dossiersReceived: bigint('dossiers_received', { mode: 'number' }),
		dossiersReceivedOnline: bigint('dossiers_received_online', { mode: 'number' }),
		dossiersResolved: bigint('dossiers_resolved', { mode: 'number' }),
		dossiersResolvedOnTime: bigint('dossiers_resolved_on_time', { mode: 'number' }),
		dossiersDigitized: bigint('dossiers_digitized', { mode: 'number' }),
		paymentsTotal: bigint('payments_total', { mode: 'number' }),
		paymentsOnline: bigint('payments_online', { mode: 'number' }),
		surveyResponses: bigint('survey_responses', { mode: 'number' }),
		surveySatisfied: bigint('survey_satisfied', { mode: 'number' }),
		dossiersPending: bigint('dossiers_pending', { mode: 'number' }),
		dossiersPendingOverdue: bigint('dossiers_pending_overdue', { mode: 'number' }),
		proceduresTotal: bigint('procedures_total', { mode: 'number' }),
		proceduresPublished: bigint('procedures_published', { mode: 'number' }),
		staffTotal: bigint('staff_total', { mode: 'number' }),
		staffDigitalTrained: bigint('staff_digital_trained', { mode: 'number' }),
		computers: bigint('computers', { mode: 'number' }),
		villagesTotal: bigint('villages_total', { mode: 'number' }),
		villages4g: bigint('villages_4g', { mode: 'number' }),
		villagesFiber: bigint('villages_fiber', { mode: 'number' }),
		oneStopShopStandard: bigint('one_stop_shop_standard', { mode: 'number' }),
		population: bigint('population', { mode: 'number' })
	},
	(t) => [primaryKey({ columns: [t.unitId, t.month] }), index('monthly_facts_month').on(t.month)]
);

/** Targets per indicator and year, optionally per unit (null unit = everywhere). */
export const targets = pgTable(
	'targets',
	{
		id: serial('id').primaryKey(),
		indicatorCode: text('indicator_code').notNull(),
		year: smallint('year').notNull(),
		unitId: integer('unit_id').references(() => units.id),
		value: doublePrecision('value').notNull()
	},
	(t) => [uniqueIndex('targets_key').on(t.indicatorCode, t.year, sql`coalesce(${t.unitId}, 0)`)]
);

export const roles = pgTable('roles', {
	code: text('code').primaryKey(),
	nameVi: text('name_vi').notNull(),
	nameEn: text('name_en').notNull()
});

export const users = pgTable('users', {
	id: serial('id').primaryKey(),
	email: text('email').notNull().unique(),
	displayName: text('display_name').notNull(),
	passwordHash: text('password_hash').notNull(),
	role: text('role')
		.notNull()
		.references(() => roles.code),
	/** Scope: the unit (code) the user works on and everything under it; null = whole installation. */
	unitCode: text('unit_code'),
	disabled: boolean('disabled').notNull().default(false),
	createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow()
});

export const sessions = pgTable(
	'sessions',
	{
		/** SHA-256 of the token; the token itself is never stored. */
		tokenHash: text('token_hash').primaryKey(),
		userId: integer('user_id')
			.notNull()
			.references(() => users.id),
		createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
		lastSeenAt: timestamp('last_seen_at', { withTimezone: true }).notNull().defaultNow(),
		expiresAt: timestamp('expires_at', { withTimezone: true }).notNull()
	},
	(t) => [index('sessions_user').on(t.userId)]
);

/**
 * Sign-in failures per bucket (`address:…`, `account:…`), counted up *before* a password is
 * checked by one atomic statement, so that attempts sent at once cannot all pass a limit they
 * each read as not yet reached (queries/signin-buckets.ts). The audit log still records every attempt.
 */
export const signinBuckets = pgTable(
	'signin_buckets',
	{
		bucket: text('bucket').primaryKey(),
		failures: integer('failures').notNull(),
		/** When the current count began (the address limit's window starts here). */
		firstAt: timestamp('first_at', { withTimezone: true }).notNull().defaultNow(),
		/** The latest counted attempt (the account's delay runs from here). */
		lastAt: timestamp('last_at', { withTimezone: true }).notNull().defaultNow()
	},
	(t) => [index('signin_buckets_last_at').on(t.lastAt)]
);

/** Append-only: a trigger (migration 0001) refuses UPDATE and DELETE. */
export const auditLog = pgTable(
	'audit_log',
	{
		id: bigserial('id', { mode: 'number' }).primaryKey(),
		at: timestamp('at', { withTimezone: true }).notNull().defaultNow(),
		userId: integer('user_id'),
		actor: text('actor').notNull(),
		action: text('action').notNull(),
		unitId: integer('unit_id'),
		month: date('month'),
		measureCode: text('measure_code'),
		oldValue: bigint('old_value', { mode: 'number' }),
		newValue: bigint('new_value', { mode: 'number' }),
		batchId: integer('batch_id'),
		detail: jsonb('detail')
	},
	(t) => [
		index('audit_figure').on(t.unitId, t.month, t.measureCode),
		// Recent entries of one action (sign-in failures, refusals) by time.
		index('audit_action_at').on(t.action, t.at)
	]
);

/**
 * Reports on their way to approval, one per unit-month at a time: figures typed into the form or
 * uploaded by an editor wait here (never in `observations`) until an approver applies them.
 * `version` grows with every change, so a save or review based on a stale page is refused.
 */
export const drafts = pgTable(
	'drafts',
	{
		id: serial('id').primaryKey(),
		unitId: integer('unit_id')
			.notNull()
			.references(() => units.id),
		month: date('month').notNull(),
		status: text('status', {
			enum: ['draft', 'submitted', 'returned', 'approved', 'discarded']
		}).notNull(),
		version: integer('version').notNull().default(1),
		source: text('source', { enum: ['form', 'import'] }).notNull(),
		fileName: text('file_name'),
		sha256: text('sha256'),
		createdBy: integer('created_by')
			.notNull()
			.references(() => users.id),
		createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
		updatedBy: integer('updated_by')
			.notNull()
			.references(() => users.id),
		updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
		submittedBy: integer('submitted_by').references(() => users.id),
		submittedAt: timestamp('submitted_at', { withTimezone: true }),
		reviewedBy: integer('reviewed_by').references(() => users.id),
		reviewedAt: timestamp('reviewed_at', { withTimezone: true }),
		/** The approver's comment when returned. */
		comment: text('comment'),
		/** The batch that wrote the figures to `observations` on approval. */
		batchId: integer('batch_id').references(() => importBatches.id)
	},
	(t) => [
		uniqueIndex('drafts_open')
			.on(t.unitId, t.month)
			.where(sql`${t.status} in ('draft', 'submitted', 'returned')`),
		index('drafts_unit_month').on(t.unitId, t.month),
		index('drafts_status').on(t.status),
		check('drafts_month', sql`extract(day from ${t.month}) = 1`),
		check(
			'drafts_status',
			sql`${t.status} in ('draft', 'submitted', 'returned', 'approved', 'discarded')`
		)
	]
);

/** The figures of a draft; a measure without a row is not reported (blank is not zero). */
export const draftFigures = pgTable(
	'draft_figures',
	{
		draftId: integer('draft_id')
			.notNull()
			.references(() => drafts.id),
		measureCode: text('measure_code')
			.notNull()
			.references(() => measures.code),
		value: bigint('value', { mode: 'number' }).notNull()
	},
	(t) => [
		primaryKey({ columns: [t.draftId, t.measureCode] }),
		check('draft_figures_value', sql`${t.value} >= 0`)
	]
);

/** Small key-value facts about the installation (demo flag, boundary mode…). */
export const settings = pgTable('settings', {
	key: text('key').primaryKey(),
	value: jsonb('value').notNull()
});

/** Bytes (`bytea`): a Buffer on postgres.js, a Uint8Array on PGlite. */
const bytes = customType<{ data: Uint8Array; driverData: Uint8Array }>({
	dataType: () => 'bytea'
});

/**
 * The map shapes of the units of a level valid on a day, encoded once (src/lib/geo: rounded,
 * simplified together, as TopoJSON and binary) in each format of `GET /api/v1/geometry`, with
 * gzip and ETag: computed when boundaries are seeded or imported, not per request. A trigger
 * (migration 0007) empties the table whenever units change, in the same transaction.
 */
export const unitShapes = pgTable(
	'unit_shapes',
	{
		level: text('level').notNull(),
		at: date('at').notNull(),
		format: text('format').notNull(),
		contentType: text('content_type').notNull(),
		body: bytes('body').notNull(),
		gzip: bytes('gzip').notNull(),
		etag: text('etag').notNull()
	},
	(t) => [primaryKey({ columns: [t.level, t.at, t.format] })]
);

/**
 * Scores of the official Decision 766 index as the national portal publishes them (imported from
 * its file, typed by an approver, or demo), kept beside Xã Số's own computation to reconcile the
 * two. One row per unit version and period (`YYYY-MM` or `YYYY-Qn`); group scores are points.
 */
export const officialScores = pgTable(
	'official_scores',
	{
		id: serial('id').primaryKey(),
		unitId: integer('unit_id')
			.notNull()
			.references(() => units.id),
		period: text('period').notNull(),
		onlineUptake: doublePrecision('online_uptake'),
		onTimeRate: doublePrecision('on_time_rate'),
		digitizationRate: doublePrecision('digitization_rate'),
		onlinePaymentRate: doublePrecision('online_payment_rate'),
		satisfactionRate: doublePrecision('satisfaction_rate'),
		transparencyRate: doublePrecision('transparency_rate'),
		total: doublePrecision('total').notNull(),
		/** The day the portal published the figures, when known (a later report of ours is "late"). */
		publishedOn: date('published_on'),
		source: text('source', { enum: ['import', 'form', 'demo'] }).notNull(),
		userId: integer('user_id'),
		actor: text('actor').notNull(),
		updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow()
	},
	(t) => [
		uniqueIndex('official_scores_key').on(t.unitId, t.period),
		index('official_scores_period').on(t.period),
		check('official_scores_total', sql`${t.total} between 0 and 100`)
	]
);

/**
 * Changes of a commune's infrastructure items (internet at the office, one-stop equipment,
 * digital signatures…): the date it changed, who confirmed it and an evidence file kept in the
 * database, served only through an authorised route (never from a public path).
 */
export const infraChanges = pgTable(
	'infra_changes',
	{
		id: serial('id').primaryKey(),
		unitId: integer('unit_id')
			.notNull()
			.references(() => units.id),
		item: text('item').notNull(),
		state: text('state', { enum: ['in_service', 'out_of_service'] }).notNull(),
		changedOn: date('changed_on').notNull(),
		confirmedBy: text('confirmed_by').notNull(),
		note: text('note'),
		evidence: bytes('evidence').notNull(),
		evidenceType: text('evidence_type').notNull(),
		evidenceName: text('evidence_name').notNull(),
		evidenceSize: integer('evidence_size').notNull(),
		userId: integer('user_id'),
		actor: text('actor').notNull(),
		createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow()
	},
	(t) => [index('infra_changes_unit').on(t.unitId, t.item, t.changedOn)]
);
