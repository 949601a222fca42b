/**
 * The indicator as the map page names it: with the portal's official scores drawn
 * (`?source=official`, services/map-source.ts), its name says so in the reader's language, so the
 * heading, the title and the table's caption all read "… — official (portal)".
 */
import type { Indicator } from '../domain/indicators.ts';
import type { Locale } from '../domain/format.ts';
import type { MessageKey } from '../i18n/index.ts';

export function namedBySource(
	indicator: Indicator,
	official: boolean,
	locale: Locale,
	m: (key: MessageKey) => string
): Indicator {
	if (!official) return indicator;
	const name = `${indicator.name[locale]} — ${m('map.source.suffix')}`;
	return { ...indicator, name: { ...indicator.name, [locale]: name } };
}
