// What the bulletin routes share: the scope from the query string, the download answer with its audit entry.
import type { Database } from '../db/index.ts';
import type { SessionUser } from '../auth/types.ts';
import { audit } from '../auth/audit.ts';
import type { BulletinScope } from './bulletin.ts';
import { bulletinData } from './bulletin.ts';
import { bulletinFileName, CONTENT_TYPES, renderBulletin, type BulletinFormat } from './index.ts';

/**
 * ?group=乡镇 or ?unit=A&unit=B (the filter bar's parameter names), or the page's scope picker ?scope=group:乡镇 /
 * ?scope=unit:A (one select, so the form works without JavaScript); nothing: all units.
 */
export function scopeFromQuery(sp: URLSearchParams): BulletinScope {
	const picked = sp.get('scope') ?? '';
	let group = sp.get('group')?.trim() || undefined;
	const units = sp.getAll('unit').map((u) => u.trim()).filter(Boolean);
	if (picked.startsWith('group:') && picked.length > 6) group = picked.slice(6).trim();
	if (picked.startsWith('unit:') && picked.length > 5) units.push(picked.slice(5).trim());
	return units.length ? { units } : group ? { group } : {};
}

/** The query string that names a scope (for links between months and to downloads). */
export function scopeQuery(scope: BulletinScope): string {
	const sp = new URLSearchParams();
	if (scope.units?.length) for (const u of scope.units) sp.append('unit', u);
	else if (scope.group) sp.set('group', scope.group);
	const s = sp.toString();
	return s ? `?${s}` : '';
}

/** RFC 6266 attachment header: an ASCII name for old clients and the Chinese name for the rest. */
export function attachment(fileName: string, ascii: string): string {
	return `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(fileName)}`;
}

/** Builds a bulletin download for the user and records it in the audit log. */
export async function bulletinDownload(
	db: Database,
	user: SessionUser,
	month: string,
	format: BulletinFormat,
	scope: BulletinScope,
	ip: string | null
): Promise<Response> {
	const data = await bulletinData(db, user, { month, scope });
	const bytes = await renderBulletin(data, format);
	await audit(db, { user, action: 'export', target: `bulletin ${month} ${format}`, detail: { scope, cases: data.totals.cases, bytes: bytes.length }, ip });
	return new Response(new Uint8Array(bytes), {
		headers: {
			'content-type': CONTENT_TYPES[format],
			'content-length': String(bytes.length),
			'content-disposition': attachment(bulletinFileName(data, format), `bulletin-${month}.${format}`),
			'cache-control': 'private, no-store'
		}
	});
}
