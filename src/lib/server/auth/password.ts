// Password hashing (argon2id via @node-rs/argon2) and the password rules every entry point shares.
import { hash, verify } from '@node-rs/argon2';
import { randomBytes } from 'node:crypto';
import { UserInputError } from '../errors.ts';
import { USERS } from '../../i18n/zh/auth.ts';

export const MIN_PASSWORD_LENGTH = 8;
export const MAX_PASSWORD_LENGTH = 256;

/** The most common passwords of at least 8 characters (compared ignoring case). */
const COMMON = new Set([
	'password', 'password1', 'password123', 'passw0rd', 'p@ssw0rd', 'p@ssword', 'iloveyou', 'qwertyuiop', 'qwerty123', '1q2w3e4r',
	'1qaz2wsx', 'zaq12wsx', 'admin123', 'admin888', 'administrator', 'letmein1', 'welcome1', 'woaini1314', 'woaini520', 'aa123456',
	'a1234567', 'a12345678', 'abc12345', 'abcd1234', 'qwe12345', 'asdfghjk', 'zxcvbnm1', '5201314520', '1314520520', 'changeme',
	'sunshine', 'football', 'baseball', 'princess', 'trustno1', 'superman', 'qazwsxedc', 'asdf1234', 'test1234', 'root1234'
]);

/** True when every step between neighbouring characters is the same 0 or ±1 ('aaaaaaaa', '12345678', 'hgfedcba'). */
function trivialRun(password: string): boolean {
	const codes = [...password.toLowerCase()].map((c) => c.codePointAt(0)!);
	const step = codes[1] - codes[0];
	return Math.abs(step) <= 1 && codes.every((c, i) => i === 0 || c - codes[i - 1] === step);
}

/** Throws a UserInputError (shown to the user) when the password breaks the rules: length, common, trivial, the name. */
export function checkPassword(password: string, userName?: string): void {
	if (password.length < MIN_PASSWORD_LENGTH) throw new UserInputError('password_too_short', USERS.errors.passwordShort, { field: 'password' });
	if (password.length > MAX_PASSWORD_LENGTH) throw new UserInputError('password_too_long', USERS.errors.passwordLong, { field: 'password' });
	const lower = password.toLowerCase();
	if (COMMON.has(lower) || trivialRun(password) || new Set(lower).size <= 2) {
		throw new UserInputError('password_too_common', USERS.errors.passwordCommon, { field: 'password' });
	}
	const name = userName?.trim().toLowerCase();
	if (name && name.length >= 3 && lower.includes(name)) throw new UserInputError('password_has_name', USERS.errors.passwordName, { field: 'password' });
}

export async function hashPassword(password: string, userName?: string): Promise<string> {
	checkPassword(password, userName);
	return hash(password);
}

export async function verifyPassword(passwordHash: string, password: string): Promise<boolean> {
	if (password.length > MAX_PASSWORD_LENGTH) return false;
	try {
		return await verify(passwordHash, password);
	} catch {
		return false;
	}
}

let dummyHash: Promise<string> | undefined;

/** Burns the same time as a real verification, so an unknown user name cannot be told apart by timing. */
export async function verifyAgainstDummy(password: string): Promise<false> {
	dummyHash ??= hash(randomBytes(16).toString('hex'));
	await verifyPassword(await dummyHash, password);
	return false;
}

/** A random password for first-run users: 16 characters without look-alikes (0/O, 1/l/I). */
export function randomPassword(length = 16): string {
	const alphabet = 'ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnpqrstuvwxyz23456789';
	const bytes = randomBytes(length);
	let out = '';
	// 256 % 56 != 0: reject the biased tail so every character is equally likely.
	for (let i = 0; out.length < length; i++) {
		const b = i < bytes.length ? bytes[i] : randomBytes(1)[0];
		if (b < 224) out += alphabet[b % alphabet.length];
	}
	return out;
}
