import { describe, expect, it } from 'vitest';
import { searchKey } from './text.ts';

describe('searchKey', () => {
	it.each([
		['Xã Mường Than', 'xa muong than'],
		['Đoàn Kết', 'doan ket'],
		['ĐOÀN KẾT', 'doan ket'],
		['Phường Tân Phong', 'phuong tan phong'],
		['Thị trấn Than Uyên', 'thi tran than uyen'],
		['Xã Phúc Than', 'xa phuc than'],
		['Sìn Hồ', 'sin ho'],
		['Nậm Nhùn', 'nam nhun'],
		['Ơ Ư ơ ư Ă ă Â â Ê ê Ô ô', 'o u o u a a a a e e o o'],
		['  Xã   Mường\tThan\n', 'xa muong than'],
		['Xã\u00a0Mường Than', 'xa muong than'],
		['03618', '03618'],
		['', '']
	])('%j → %j', (text, expected) => {
		expect(searchKey(text)).toBe(expected);
	});

	it('gives the same key for NFC and NFD input', () => {
		const name = 'Xã Mường Than, Đoàn Kết, Nậm Hàng';
		const nfc = name.normalize('NFC');
		const nfd = name.normalize('NFD');
		expect(nfc).not.toBe(nfd);
		expect(searchKey(nfd)).toBe(searchKey(nfc));
		expect(searchKey(nfd)).toBe('xa muong than, doan ket, nam hang');
	});

	it('is idempotent', () => {
		const once = searchKey('Xã Mường Than');
		expect(searchKey(once)).toBe(once);
	});
});
