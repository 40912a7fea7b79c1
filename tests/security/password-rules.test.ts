// Issue 17, passwords: the common and the trivial are refused, and so is one containing the user name, by the
// one rule every entry point shares (the admin form and the CLI both create users through users.ts).
import { describe, expect, it } from 'vitest';
import { checkPassword } from '../../src/lib/server/auth/password.ts';

const codeOf = (password: string, name?: string): string | null => {
	try {
		checkPassword(password, name);
		return null;
	} catch (e) {
		return (e as { code: string }).code;
	}
};

describe('checkPassword', () => {
	it('refuses common, repeated and sequential passwords', () => {
		for (const p of ['password', 'Password1', 'P@ssw0rd', 'qwertyuiop', 'woaini1314', 'aaaaaaaa', '11111111', '12345678', '87654321', 'abcdefgh', 'ababababab'])
			expect(codeOf(p), p).toBe('password_too_common');
	});

	it('refuses a password containing the user name', () => {
		expect(codeOf('zhangsan-2025!', 'zhangsan')).toBe('password_has_name');
		expect(codeOf('My-ZhangSan-Key', 'zhangsan')).toBe('password_has_name');
	});

	it('accepts ordinary good passwords', () => {
		for (const p of ['correct-horse-1', 'Test-Passw0rd!', 'k7#Vq9!mZt2w', '投诉分析2025春季']) expect(codeOf(p, 'zhangsan'), p).toBeNull();
	});
});
