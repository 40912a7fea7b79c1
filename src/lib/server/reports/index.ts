// The monthly bulletin's public surface: its data, narrative, and the HTML, PDF and DOCX renderings.
import type { Database } from '../db/index.ts';
import type { SessionUser } from '../auth/types.ts';
import { UserInputError } from '../errors.ts';
import { BULLETIN } from '../../i18n/zh/bulletin.ts';
import { bulletinData, type BulletinData, type BulletinOptions } from './bulletin.ts';
import { bulletinCharts } from './charts.ts';
import { bulletinDocx } from './docx.ts';
import { bulletinHtml, TIGHT_PRINT } from './html.ts';
import { htmlToPdf } from './pdf.ts';
import { rendered, renderKey } from './rendered.ts';

export { bulletinData, bulletinMonths, bulletinPeriods } from './bulletin.ts';
export type { BulletinData, BulletinOptions, BulletinScope } from './bulletin.ts';
export { narrate, requirements } from './narrative.ts';
export { bulletinArticle, bulletinHtml, BULLETIN_CSS } from './html.ts';
export { bulletinCharts } from './charts.ts';
export { bulletinDocx } from './docx.ts';
export { htmlToPdf } from './pdf.ts';

export const BULLETIN_FORMATS = ['pdf', 'docx', 'html'] as const;
export type BulletinFormat = (typeof BULLETIN_FORMATS)[number];

export const CONTENT_TYPES: Record<BulletinFormat, string> = {
	pdf: 'application/pdf',
	docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
	html: 'text/html; charset=utf-8'
};

/** The file name a download gets: 2026年10月行政效能投诉情况通报.pdf */
export function bulletinFileName(d: BulletinData, format: BulletinFormat): string {
	return `${d.title.title}.${format}`;
}

/** The format named by a file name's extension, else bad input. */
export function formatOf(file: string): BulletinFormat {
	const ext = file.toLowerCase().split('.').pop() ?? '';
	if ((BULLETIN_FORMATS as readonly string[]).includes(ext)) return ext as BulletinFormat;
	throw new UserInputError('bad_out', BULLETIN.errors.badOut(file), { file, field: 'out' });
}

/**
 * The bulletin rendered in one format. A PDF or Word file rendered before from the same HTML or data is returned as
 * it was (rendered.ts): a repeat download costs nothing, and new data always renders anew.
 */
export async function renderBulletin(d: BulletinData, format: BulletinFormat): Promise<Buffer> {
	const charts = bulletinCharts(d);
	switch (format) {
		case 'html':
			return Buffer.from(bulletinHtml(d, { charts, pageNumbers: true }), 'utf8');
		case 'pdf': {
			const html = bulletinHtml(d, { charts, pageNumbers: true });
			return rendered(renderKey('pdf', html), () => htmlToPdf(html, { tightClass: TIGHT_PRINT }));
		}
		case 'docx':
			return rendered(renderKey('docx', JSON.stringify(d)), () => bulletinDocx(d, { charts }));
	}
}

/** Data and rendering in one call (CLI and download routes). */
export async function buildBulletin(db: Database, user: SessionUser, opts: BulletinOptions, format: BulletinFormat): Promise<{ data: BulletinData; bytes: Buffer }> {
	const data = await bulletinData(db, user, opts);
	return { data, bytes: await renderBulletin(data, format) };
}
