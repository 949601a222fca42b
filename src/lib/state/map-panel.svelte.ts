/**
 * The controller of the public map panel (routes/MapPanel.svelte draws): the shapes of the
 * view, loaded once per geometry URL; what a unit's card shows (its full row, else what the map
 * knows of it while a cut view's full rows are fetched, once, when the pointer first comes onto
 * the map); and hovering, tap-to-pin and selecting. The component passes its props as a getter,
 * so everything here follows them.
 */
// Every Map here is built whole inside a $derived or a $state.raw and never mutated: a new view
// makes new ones, so Svelte's reactive maps would only add cost.
/* eslint-disable svelte/prefer-svelte-reactivity */
import type { ValueRow } from '$lib/server/queries/values';
import type { Indicator } from '$lib/domain/indicators';
import { band } from '$lib/domain/scoring';
import { rankValues } from '$lib/domain/rank';
import type { FigureLike } from './choropleth';
import { countWithData } from './map-figures';
import { loadShapes, shapesIfLoaded, type Shapes } from '$lib/components/map/shapes';
import type { HoverEvent } from '$lib/components/map/types';

/** A row of the values API without its composite breakdown. */
export type PanelRow = Omit<ValueRow, 'components'>;

/** What a card shows: a full row, or what the map knows (no counts, no months). */
export type PanelCard = Pick<PanelRow, 'unit_name' | 'value' | 'band' | 'rank' | 'low_confidence'> &
	Partial<PanelRow>;

export interface PanelInputs {
	geometryUrl: string | null;
	/** The table's rows (full figures): all units, or the first of a national view. */
	rows: PanelRow[];
	/** Every unit's value and flag. */
	figures: readonly FigureLike[];
	/** Where every unit's full row can be fetched, when `rows` are cut. */
	valuesUrl: string | null;
	indicator: Indicator;
}

export class MapPanelState {
	shapes = $state.raw<Shapes | null>(null);
	status = $state<'loading' | 'ready' | 'failed'>('loading');
	hover = $state<HoverEvent | null>(null);
	pinned = $state<string | null>(null);

	#fetched = $state.raw<{ url: string; rows: Map<string, PanelRow> } | null>(null);
	#fetching: string | null = null;
	#inputs: () => PanelInputs;

	readonly rowsByCode = $derived(new Map(this.#in.rows.map((r) => [r.unit_code, r])));
	readonly ranked = $derived(countWithData(this.#in.figures));
	readonly complete = $derived(this.#in.rows.length >= this.#in.figures.length);
	readonly fullRows = $derived(
		this.#fetched && this.#fetched.url === this.#in.valuesUrl ? this.#fetched.rows : null
	);
	// What the map knows of every unit, for a card before (or without) its full row.
	readonly #positions = $derived(new Map(this.#in.figures.map((f, i) => [f.unit_code, i])));
	readonly #ranks = $derived(
		rankValues(
			this.#in.figures.map((f) => f.value),
			this.#in.indicator.better
		)
	);
	readonly #names = $derived(
		new Map((this.shapes?.codes ?? []).map((code, u) => [code, this.shapes!.names[u]]))
	);
	readonly hoverRow = $derived(this.hover ? this.cardRow(this.hover.code) : undefined);

	constructor(inputs: () => PanelInputs) {
		this.#inputs = inputs;
		$effect(() => this.#followShapes(this.#in.geometryUrl));
		$effect(() => {
			// Forget a pinned box when the figures change under it.
			void this.#in.figures;
			this.pinned = null;
		});
	}

	get #in(): PanelInputs {
		return this.#inputs();
	}

	/** The card of a unit: its full row when known, else what the map knows of it. */
	cardRow(code: string): PanelCard | undefined {
		const row = this.rowsByCode.get(code) ?? this.fullRows?.get(code);
		if (row) return row;
		const i = this.#positions.get(code);
		const name = this.#names.get(code);
		if (i === undefined || name === undefined) return undefined;
		const { value, low_confidence } = this.#in.figures[i];
		return {
			unit_name: name,
			value,
			band: this.#in.indicator.kind === 'composite' ? band(value) : null,
			rank: this.#ranks[i],
			low_confidence
		};
	}

	/** Fetches the full rows of a cut view (the values API answer is cached): not with the
	 * page, only once someone points at the map. */
	wantRows = () => {
		const url = this.#in.valuesUrl;
		if (!url || this.complete || this.fullRows || this.#fetching === url) return;
		this.#fetching = url;
		fetch(url)
			.then((response) => {
				if (!response.ok) throw new Error(`${url}: HTTP ${response.status}`);
				return response.json() as Promise<{ rows: PanelRow[] }>;
			})
			.then((body) => {
				this.#fetched = { url, rows: new Map(body.rows.map((r) => [r.unit_code, r])) };
			})
			// The card keeps what the map knows; the next pointing tries again.
			.catch(() => {})
			.finally(() => {
				if (this.#fetching === url) this.#fetching = null;
			});
	};

	onhover = (event: HoverEvent | null) => {
		if (event && !this.rowsByCode.has(event.code)) this.wantRows();
		// A pinned (tapped) box stays until another unit is tapped or the map is left.
		if (this.pinned && (!event || event.touch)) return;
		this.hover = event;
	};

	/** A tap pins the card first; a click, or a second tap, opens the unit (`open`). */
	select(code: string, touch: boolean, open: (code: string) => void) {
		if (touch && this.pinned !== code) {
			this.pinned = code;
			return;
		}
		open(code);
	}

	#followShapes(url: string | null) {
		if (!url) {
			this.shapes = null;
			this.status = 'ready';
			return;
		}
		const known = shapesIfLoaded(url);
		if (known) {
			this.shapes = known;
			this.status = 'ready';
			return;
		}
		let current = true;
		this.status = 'loading';
		loadShapes(url).then(
			(loaded) => {
				if (!current) return;
				this.shapes = loaded;
				this.status = 'ready';
			},
			() => {
				if (current) this.status = 'failed';
			}
		);
		return () => {
			current = false;
		};
	}
}
