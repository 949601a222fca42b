/**
 * Units for the map's unit tests (map-shapes, shapes-binary): two neighbours sharing a border,
 * the second with a hole where a third unit sits, and a unit of two islands far to the south.
 */
export const square = (x: number, y: number, size: number) => [
	[x, y],
	[x + size, y],
	[x + size, y + size],
	[x, y + size],
	[x, y]
];

export const testUnits = [
	{ code: 'A', name: 'Xã A', geometry: { type: 'Polygon', coordinates: [square(102, 20, 1)] } },
	{
		code: 'B',
		name: 'Xã B',
		geometry: { type: 'Polygon', coordinates: [square(103, 20, 1), square(103.25, 20.25, 0.5)] }
	},
	{
		code: 'C',
		name: 'Xã C',
		geometry: { type: 'Polygon', coordinates: [square(103.25, 20.25, 0.5)] }
	},
	{
		code: 'D',
		name: 'Xã D',
		geometry: {
			type: 'MultiPolygon',
			coordinates: [[square(106, 10, 0.5)], [square(107, 10, 0.5)]]
		}
	}
];
