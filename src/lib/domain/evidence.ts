/**
 * Evidence files of infrastructure changes: the items recorded, and what a file may be — a JPEG,
 * PNG or WebP photo or a PDF, recognised by its first bytes (its "magic"), never by its name or
 * the type the browser claims; at most EVIDENCE_MAX_BYTES.
 */

/** Infrastructure items recorded with evidence (the commune office's equipment and services). */
export const INFRA_ITEMS = [
	'internet_office',
	'one_stop_equipment',
	'digital_signature',
	'cameras',
	'public_wifi',
	'one_stop_shop_standard'
] as const;

export type InfraItem = (typeof INFRA_ITEMS)[number];

export const INFRA_STATES = ['in_service', 'out_of_service'] as const;
export type InfraState = (typeof INFRA_STATES)[number];

/** What an infrastructure change says, its evidence file aside (form, store and page share it). */
export interface InfraChangeFacts {
	item: InfraItem;
	state: InfraState;
	changedOn: string;
	confirmedBy: string;
	note: string | null;
}

export const EVIDENCE_MAX_BYTES = 5 * 1024 * 1024;

export type EvidenceType = 'image/jpeg' | 'image/png' | 'image/webp' | 'application/pdf';

/** The file name extension each type is served with. */
export const EVIDENCE_EXTENSION: Record<EvidenceType, string> = {
	'image/jpeg': 'jpg',
	'image/png': 'png',
	'image/webp': 'webp',
	'application/pdf': 'pdf'
};

/** The accepted types as a file input's `accept` lists them. */
export const EVIDENCE_ACCEPT = Object.keys(EVIDENCE_EXTENSION).join(',');

const startsWith = (bytes: Uint8Array, magic: readonly number[], at = 0) =>
	bytes.length >= at + magic.length && magic.every((b, i) => bytes[at + i] === b);

/** The file's type from its first bytes, or null when it is none of the accepted ones. */
export function sniffEvidence(bytes: Uint8Array): EvidenceType | null {
	if (startsWith(bytes, [0xff, 0xd8, 0xff])) return 'image/jpeg';
	if (startsWith(bytes, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) return 'image/png';
	// RIFF....WEBP
	if (startsWith(bytes, [0x52, 0x49, 0x46, 0x46]) && startsWith(bytes, [0x57, 0x45, 0x42, 0x50], 8))
		return 'image/webp';
	if (startsWith(bytes, [0x25, 0x50, 0x44, 0x46, 0x2d])) return 'application/pdf'; // %PDF-
	return null;
}

/** True when `x` names an item of INFRA_ITEMS. */
export const isInfraItem = (x: string): x is InfraItem =>
	(INFRA_ITEMS as readonly string[]).includes(x);
/** True when `x` names a state of INFRA_STATES. */
export const isInfraState = (x: string): x is InfraState =>
	(INFRA_STATES as readonly string[]).includes(x);

/** A name safe to send in Content-Disposition: ASCII letters, digits, dot, dash, underscore. */
export function safeFileName(name: string, type: EvidenceType): string {
	const base = name
		.normalize('NFD')
		.replace(/\p{M}/gu, '')
		.replace(/\.[^.]*$/, '')
		.replace(/[^A-Za-z0-9_-]+/g, '-')
		.replace(/^-+|-+$/g, '')
		.slice(0, 60);
	return `${base || 'evidence'}.${EVIDENCE_EXTENSION[type]}`;
}
