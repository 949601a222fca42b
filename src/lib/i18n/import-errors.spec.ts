import { describe, expect, it } from 'vitest';
import { fileProblemsIn } from './import-errors';

describe('fileProblemsIn', () => {
	const problems = [
		{
			line: 2,
			column: 'computers',
			code: 'not_a_number',
			message: 'computers: "x" is not a number'
		},
		{ line: 3, column: null, code: 'something_new', message: 'A new check' },
		{ line: 4, column: 'unit_code', message: 'No code given' }
	];

	it.each([
		['vi', ['Không phải là số', 'A new check', 'No code given']],
		['en', ['computers: "x" is not a number', 'A new check', 'No code given']]
	] as const)('%s', (locale, messages) => {
		const shown = fileProblemsIn(problems, locale);
		expect(shown.map((p) => p.message)).toEqual(messages);
		expect(shown.map((p) => p.line)).toEqual([2, 3, 4]);
	});
});
