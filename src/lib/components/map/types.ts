/** Events the map layers report to the page. */
export interface HoverEvent {
	code: string;
	/** Position in map container pixels. */
	x: number;
	y: number;
	/** True when the pointer was a finger (tap) rather than a mouse. */
	touch: boolean;
}
