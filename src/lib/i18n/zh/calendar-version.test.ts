// The calendar version on the 时限合规, 年度考核 and 日历管理 pages (browser walk: '2020-2026+3fa2c1d4e5f6' shown raw).
import { describe, expect, it } from 'vitest';
import { appraisalUi, calendarUi, calendarVersionLabel, calendarVersionTip, complianceText } from './compliance-ui.ts';

describe('calendar version as a reader reads it', () => {
	it('names the State Council notices and their years; the hash only in the tooltip', () => {
		expect(calendarVersionLabel('2020-2026+3fa2c1d4e5f6')).toBe('依据国务院办公厅2020—2026年节假日安排通知');
		expect(calendarVersionLabel('2025-2025+000000000000')).toBe('依据国务院办公厅2025年节假日安排通知');
		expect(calendarVersionLabel('none+abcdefabcdef')).toBe('尚未载入国务院办公厅节假日安排通知（按周一至周五临时日历）');
		const v = '2020-2026+3fa2c1d4e5f6';
		for (const text of [complianceText.evaluatedAt('2026-12-01 00:00', '2026-12-01 00:01', v), appraisalUi.meta('县行政效能投诉处理暂行办法', '2026-12-01', v), calendarUi.version(v)]) {
			expect(text).toContain('2020—2026年');
			expect(text).not.toContain('3fa2c1d4e5f6');
			expect(text).not.toMatch(/[A-Za-z]/);
		}
		expect(calendarVersionTip(v)).toContain('3fa2c1d4e5f6');
	});
});
