// Password hashing (argon2id via @node-rs/argon2) and the password rules every entry point shares.
import { hash, verify } from '@node-rs/argon2';
import { randomBytes } from 'node:crypto';
import { UserInputError } from '../errors.ts';
import { USERS } from '../../i18n/zh/auth.ts';

export const MIN_PASSWORD_LENGTH = 8;
export const MAX_PASSWORD_LENGTH = 256;

/** Throws a UserInputError (shown to the user) when the password breaks the rules. */
export function checkPassword(password: string): void {
	if (password.length < MIN_PASSWORD_LENGTH) throw new UserInputError('password_too_short', USERS.errors.passwordShort, { field: 'password' });
	if (password.length > MAX_PASSWORD_LENGTH) throw new UserInputError('password_too_long', USERS.errors.passwordLong, { field: 'password' });
}

export async function hashPassword(password: string): Promise<string> {
	checkPassword(password);
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
