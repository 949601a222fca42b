import { describe, expect, it } from 'vitest';
import { detectDelimiter, parseCsv, parseQuoted } from './csv.ts';

// The quote-free fast path must give exactly what csv-parse gives: same cells, same lines.
const plainCases: Record<string, string> = {
	'LF, trailing newline': 'unit_code,period,a\n00001,2024-01,5\n00002,2024-01,7\n',
	'CRLF, no trailing newline': 'unit_code,period,a\r\n00001,2024-01,5\r\n00002,2024-01,7',
	'BOM and blank lines counted':
		'\ufeffunit_code;period;a\n\n00001;2024-01;5\n\n\n00002;2024-01;\n',
	'ragged rows and spaces kept': 'unit_code\tperiod\ta\n 00001 \t2024-01\n00002\t2024-01\t1\t2\n',
	'delimiters only and blank cells': 'unit_code,period,a,b\n,,,\n00001,2024-01,,3\n',
	'Vietnamese header': 'Mã đơn vị,Kỳ báo cáo,dossiers_received\n00001,2024-01,12.122\n'
};

describe('parseCsv', () => {
	for (const [name, text] of Object.entries(plainCases))
		it(`splits quote-free text like csv-parse: ${name}`, () => {
			const delimiter = detectDelimiter(text.replace(/^\ufeff/, '').split(/\r?\n/, 1)[0]);
			expect(parseCsv(text)).toEqual(parseQuoted(text, delimiter));
		});

	it('leaves quoted text to csv-parse (a quoted delimiter and a line break in a cell)', () => {
		const table = parseCsv('unit_code,period,note\n00001,2024-01,"a, b\nc"\n00002,2024-01,x\n');
		expect(table.records).toEqual([
			{ line: 3, cells: ['00001', '2024-01', 'a, b\nc'] },
			{ line: 4, cells: ['00002', '2024-01', 'x'] }
		]);
	});

	it('refuses an empty file either way', () => {
		expect(() => parseCsv('\n\n')).toThrow(/empty/);
		expect(() => parseCsv('"')).toThrow();
	});
});
