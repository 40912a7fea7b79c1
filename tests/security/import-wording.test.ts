// Issue 17, low: the import page says before uploading that a larger export goes through the command line.
import { describe, expect, it } from 'vitest';
import { t } from '../../src/lib/i18n/zh/import.ts';
import { DEFAULT_MAX_UPLOAD_BYTES } from '../../src/lib/server/ingest/upload-limit.ts';

describe('import page hint', () => {
	it('names the 1 GiB cap and the command line for larger exports', () => {
		expect(DEFAULT_MAX_UPLOAD_BYTES).toBe(1024 ** 3);
		expect(t.accepted).toMatch(/1 GB/);
		expect(t.accepted).toMatch(/命令行/);
		expect(t.accepted).toMatch(/npm run cli -- import/);
	});
});
