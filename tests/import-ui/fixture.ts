// A small GB18030 export, as Excel on Chinese Windows writes it, with known good and bad rows, so the import
// page's report can be checked number by number. The unit column has a header no alias covers (涉及部门):
// the analyst must map it by hand, which is what the mapping step is for.
import iconv from 'iconv-lite';

export const FIXTURE_HEADERS = ['投诉编号', '受理时间', '投诉渠道', '投诉人', '联系电话', '涉及部门', '投诉类别', '办结时间', '投诉内容', '经办科室'];
export const UNMAPPED_UNIT_HEADER = '涉及部门';

export interface FixtureRow {
	cells: string[];
	/** Physical line of the row's first line in the file (header is line 1). */
	line: number;
	expect: 'imported' | 'rejected';
	/** For rejected rows: the canonical field at fault. */
	field?: 'case_id' | 'received_at' | 'unit';
	warned?: boolean;
}

export interface Fixture {
	bytes: Buffer;
	text: string;
	rows: FixtureRow[];
	imported: number;
	rejected: number;
	warned: number;
	caseIds: string[];
}

const UNITS = ['县住房和城乡建设局', '县市场监督管理局', '县人力资源和社会保障局', '县住建局', '城关镇人民政府'];
const CATEGORIES = ['物业管理', '噪音扰民', '劳动保障', '食品安全', '道路交通'];

function csvCell(value: string): string {
	return /[",\r\n]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value;
}

/** `prefix` keeps case ids apart from the demo data set's ids and from other fixtures in the same database. */
export function makeFixture(prefix = 'UI'): Fixture {
	const rows: FixtureRow[] = [];
	let line = 2;
	const add = (cells: string[], expect: FixtureRow['expect'], extra: Partial<FixtureRow> = {}) => {
		rows.push({ cells, line, expect, ...extra });
		line += cells.join(',').split('\n').length;
	};
	for (let i = 1; i <= 33; i++) {
		const id = `${prefix}-2025-${String(i).padStart(4, '0')}`;
		const day = String(1 + (i % 28)).padStart(2, '0');
		const received = `2025-10-${day} ${String(8 + (i % 9)).padStart(2, '0')}:1${i % 10}:00`;
		// Row 7 closes before it was received: kept, with a data-quality warning.
		const closed = i === 7 ? `2025-09-01 09:00:00` : i % 3 === 0 ? '' : `2025/11/${Number(day)} 16:30`;
		const content = i % 5 === 0 ? `小区物业收费不透明，"公摊"费用\n多次反映无果（第${i}次）` : `反映${CATEGORIES[i % 5]}问题，请尽快处理`;
		add(
			[id, received, i % 2 ? '电话' : '网上', `张${i}`, `1380000${String(1000 + i)}`, UNITS[i % UNITS.length], CATEGORIES[i % 5], closed, content, '督查科'],
			'imported',
			i === 7 ? { warned: true } : {}
		);
	}
	// Rejected: missing unit (3), unparseable received time (2), missing case id (1).
	for (let i = 1; i <= 3; i++) {
		add([`${prefix}-2025-X${i}`, '2025-10-09 10:00:00', '电话', '李四', '13900001111', '', '物业管理', '', '单位为空', '督查科'], 'rejected', { field: 'unit' });
	}
	add([`${prefix}-2025-X4`, '2025-13-45 99:00', '来信', '王五', '13900002222', '县住房和城乡建设局', '物业管理', '', '日期错误', '督查科'], 'rejected', { field: 'received_at' });
	add([`${prefix}-2025-X5`, '不详', '来信', '王五', '13900002222', '县住房和城乡建设局', '物业管理', '', '日期错误', '督查科'], 'rejected', { field: 'received_at' });
	add(['', '2025-10-10 11:00:00', '走访', '赵六', '13900003333', '县市场监督管理局', '食品安全', '', '编号为空', '督查科'], 'rejected', { field: 'case_id' });

	const text = [FIXTURE_HEADERS, ...rows.map((r) => r.cells)].map((cells) => cells.map(csvCell).join(',')).join('\r\n') + '\r\n';
	const imported = rows.filter((r) => r.expect === 'imported');
	return {
		bytes: iconv.encode(text, 'gb18030'),
		text,
		rows,
		imported: imported.length,
		rejected: rows.length - imported.length,
		warned: rows.filter((r) => r.warned).length,
		caseIds: imported.map((r) => r.cells[0])
	};
}
