// One forbidden error and one way to turn an error into an HTTP answer: a ForbiddenError is a 403, a validation
// error keeps its field and details, and no route under src/routes builds a 403 of its own.
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ForbiddenError, UserInputError, errorResponse, httpStatus } from '../../src/lib/server/errors.ts';
import { sourceFiles } from './imports.ts';

const root = path.resolve(__dirname, '../..');
const rel = (f: string) => path.relative(root, f).split(path.sep).join('/');

async function answer(e: unknown): Promise<{ status: number; type: string | null; body: Record<string, unknown> }> {
	const res = errorResponse(e);
	return { status: res.status, type: res.headers.get('content-type'), body: (await res.json()) as Record<string, unknown> };
}

describe('errorResponse', () => {
	it('answers a forbidden error with 403 and its code and message', async () => {
		expect(await answer(new ForbiddenError('无权查看案件明细'))).toEqual({
			status: 403,
			type: 'application/json; charset=utf-8',
			body: { code: 'forbidden', message: '无权查看案件明细' }
		});
	});

	it('keeps the field and details of a forbidden error with a precise code', async () => {
		const e = new ForbiddenError('不能查看其他单位', { field: 'unit' }, { unit: '县住建局' }, 'forbidden_unit');
		expect(await answer(e)).toMatchObject({ status: 403, body: { code: 'forbidden_unit', message: '不能查看其他单位', field: 'unit', details: { unit: '县住建局' } } });
	});

	it('answers a validation error with 400 and keeps its file, line, column, field and details', async () => {
		const e = new UserInputError('bad_param', '参数 pack 无效', { file: 'a.csv', line: 12, column: '受理时间', field: 'pack' }, { allowed: ['county-efficiency'] });
		expect(await answer(e)).toEqual({
			status: 400,
			type: 'application/json; charset=utf-8',
			body: { code: 'bad_param', message: '参数 pack 无效', file: 'a.csv', line: 12, column: '受理时间', field: 'pack', details: { allowed: ['county-efficiency'] } }
		});
	});

	it('gives the not-bad-input codes their own status', () => {
		expect(httpStatus(new UserInputError('unauthenticated', 'x'))).toBe(401);
		expect(httpStatus(new UserInputError('invalid_credentials', 'x'))).toBe(401);
		expect(httpStatus(new UserInputError('not_found', 'x'))).toBe(404);
		expect(httpStatus(new UserInputError('pack_not_found', 'x'))).toBe(404);
		expect(httpStatus(new UserInputError('upload_gone', 'x'))).toBe(404);
		expect(httpStatus(new UserInputError('upload_too_large', 'x'))).toBe(413);
		// the code 'forbidden' on a plain UserInputError is not a 403: only the one forbidden class is
		expect(httpStatus(new UserInputError('forbidden', 'x'))).toBe(400);
		expect(httpStatus(new ForbiddenError('x'))).toBe(403);
	});

	it('rethrows what is not the user’s doing', () => {
		const bug = new TypeError('boom');
		expect(() => errorResponse(bug)).toThrow(bug);
	});
});

describe('routes', () => {
	const files = sourceFiles(path.join(root, 'src/routes')).map((f) => ({ file: rel(f), text: fs.readFileSync(f, 'utf8') }));

	it('no route builds its own 403 (they throw ForbiddenError and let errorResponse or httpStatus answer)', () => {
		const own = files.filter(({ text }) => /\b403\b/.test(text) || /(['"])forbidden\1/.test(text)).map(({ file }) => file);
		expect(own).toEqual([]);
	});

	it('every API route that answers errors does so through errorResponse', () => {
		const api = files.filter(({ file }) => file.startsWith('src/routes/api/') && file.endsWith('/+server.ts'));
		// 423 (account locked, with Retry-After) is the one answer the login route shapes itself (cli.md)
		const own = api.filter(({ text }) => /status:\s*4(?!23)\d\d/.test(text) || /\berror\(\s*4\d\d/.test(text)).map(({ file }) => file);
		expect(own).toEqual([]);
		const viaShared = (text: string) => /\berrorResponse\b/.test(text) || /\bhandle\(/.test(text) || /\bunauthorized\(\)/.test(text);
		const silent = api.filter(({ text }) => /\bcatch\b/.test(text) && !viaShared(text)).map(({ file }) => file);
		expect(silent).toEqual([]);
	});
});
