import { describe, expect, it } from 'vitest';
import { PASSWORD_MIN, passwordProblem } from './password.ts';
import { t } from '../../i18n/index.ts';

describe('passwordProblem', () => {
	it.each([
		// [password, email, problem key or null]
		['correct horse battery staple', 'an@laichau.gov.vn', null],
		['Núi Pu Ta Leng 3096', 'nguyen.van.an@laichau.gov.vn', null],
		['short', '', 'password.tooShort'],
		['x'.repeat(257), '', 'password.tooLong'],
		['password123', '', 'password.common'],
		['qwertyuiop', '', 'password.common'],
		['1234567890', '', 'password.common'],
		['Basketball', '', 'password.common'],
		['1q2w3e4r5t', '', 'password.common'],
		['nguyen.van.an2025', 'nguyen.van.an@laichau.gov.vn', 'password.email'],
		['NguyenVanAn-2025', 'Nguyen.Van.An@laichau.gov.vn', 'password.email'],
		['my approver password', 'approver@test.xaso', 'password.email'],
		// A very short name part would forbid too much: it is not checked.
		['an ordinary phrase', 'an@laichau.gov.vn', null]
	])('%j for %j → %s', async (password, email, key) => {
		expect((await passwordProblem(password, email))?.key ?? null).toBe(key);
	});

	it('says why in Vietnamese and in English, keeping the minimum length', async () => {
		const short = (await passwordProblem('short'))!;
		expect(t('vi', short.key, short.params)).toBe(
			`Mật khẩu phải có ít nhất ${PASSWORD_MIN} ký tự.`
		);
		expect(t('en', short.key, short.params)).toBe(
			`The password must have at least ${PASSWORD_MIN} characters.`
		);
		const common = (await passwordProblem('password123'))!;
		expect(t('vi', common.key, common.params)).toMatch(/phổ biến/);
		expect(t('en', common.key, common.params)).toMatch(/most common/);
		const email = (await passwordProblem('nguyenvanan!!', 'nguyen.van.an@x.vn'))!;
		expect(t('vi', email.key, email.params)).toBe(
			'Mật khẩu không được chứa tên trong địa chỉ email (nguyenvanan).'
		);
	});
});
