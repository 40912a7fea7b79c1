// The glossary of product.md 2.0 is the only vocabulary for evaluation statuses: the retired words
// (超时, 超时办理, 超期 alone, 未办结已超期 …) appear in no user-facing string of the app, its exports or the CLI.
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { COUNT_UNITS, STATUS_WORDS } from './glossary.ts';
import { statusLabels } from './compliance.ts';
import { appraisalUi, complianceText, statusFilterLabels, statusText } from './compliance-ui.ts';
import { BULLETIN } from './bulletin.ts';

const ROOT = path.resolve(__dirname, '../../../..');
/**
 * The measure help texts in catalog.ts are rewritten with the on-time definition (issue 12, "measures defined
 * once"), in another branch: they are left to that change.
 */
const ELSEWHERE = new Set(['src/lib/server/metrics/catalog.ts']);

function sources(dir: string): string[] {
	return fs.readdirSync(path.join(ROOT, dir), { withFileTypes: true }).flatMap((e) => {
		const rel = path.posix.join(dir, e.name);
		if (e.isDirectory()) return sources(rel);
		return /\.(ts|svelte)$/.test(e.name) && !/\.test\.ts$/.test(e.name) && !ELSEWHERE.has(rel) ? [rel] : [];
	});
}

const RETIRED: [RegExp, string][] = [
	[/超时/, '超时 / 超时办理 (say 超期办结)'],
	[/未办结[·・]?已?超期/, '未办结已超期 / 未办结超期 (say 超期未办结)'],
	[/未办结[·・]?在?期限内|在办未到期/, '未办结在期限内 (say 在办未超期)'],
	[/(['"`])(超期|按时)\1/, 'a bare 超期 or 按时 as a status word'],
	[/超期（已办结）/, '超期（已办结） (say 超期办结)']
];

describe('glossary', () => {
	it('no source file uses a retired status word', () => {
		const files = [...sources('src'), ...sources('scripts')];
		expect(files.length).toBeGreaterThan(100);
		const found: string[] = [];
		for (const file of files) {
			const lines = fs.readFileSync(path.join(ROOT, file), 'utf8').split('\n');
			lines.forEach((line, i) => {
				for (const [re, what] of RETIRED) if (re.test(line)) found.push(`${file}:${i + 1}: ${what}: ${line.trim()}`);
			});
		}
		expect(found).toEqual([]);
	});

	it('status labels everywhere are the glossary words; figures counting evaluations say 件次', () => {
		expect(STATUS_WORDS).toEqual({ met: '按期办结', breached: '超期办结', 'open-overdue': '超期未办结', 'open-within': '在办未超期', 'no-data': '数据不足', 'not-applicable': '不适用' });
		for (const [status, word] of Object.entries(STATUS_WORDS)) {
			expect(statusLabels[status]).toBe(word);
			if (statusText[status]) expect(statusText[status].label).toBe(word);
			if (statusFilterLabels[status]) expect(statusFilterLabels[status]).toBe(word);
		}
		expect(BULLETIN.lateStatus).toEqual({ breached: '超期办结', 'open-overdue': '超期未办结' });
		for (const label of [complianceText.kpiMet, complianceText.kpiBreached, complianceText.kpiOpenOverdue, complianceText.seriesBreached, appraisalUi.breaches, appraisalUi.openOverdue]) {
			expect(label).toContain(COUNT_UNITS.evaluations);
		}
		expect(complianceText.evaluationsHelp).toContain('件次');
	});
});
