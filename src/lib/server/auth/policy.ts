// Which role may open which route: one table, enforced once for every request in hooks.server.ts.
// Keys are SvelteKit route ids (event.route.id). A route id that no rule matches is DENIED to everyone,
// so a new page or API stays closed until someone decides who may use it here.
import { NAV_LABELS } from '../../i18n/zh/auth.ts';
import { hotspotText } from '../../i18n/zh/hotspots.ts';
import { ROLES, type Role, type SessionUser } from './types.ts';
import { DEFAULT_MAX_UPLOAD_BYTES, maxUploadBytes } from '../http/upload-limit.ts';

/** 'public': anyone, logged in or not; 'authenticated': any logged-in role; else the listed roles. */
export type Access = 'public' | 'authenticated' | readonly Role[];

export interface PolicyRule {
	/** A route id ('/cases/[id]'), or a prefix ending in '/**' that also matches the prefix itself. */
	pattern: string;
	access: Access;
	/** Restrict the rule to these methods (HEAD counts as GET); other methods fall through to later rules. */
	methods?: readonly string[];
}

const CASE_LEVEL: readonly Role[] = ['admin', 'analyst', 'inspector', 'unit'];
const APPRAISAL: readonly Role[] = ['admin', 'analyst', 'inspector', 'leader'];
const IMPORTERS: readonly Role[] = ['admin', 'analyst'];
const ADMIN: readonly Role[] = ['admin'];

/** First matching rule wins: specific rules come before the prefixes that would also match them. */
export const ROUTE_POLICY: readonly PolicyRule[] = [
	// Log-in is the only public surface.
	{ pattern: '/login', access: 'public' },
	{ pattern: '/api/auth/login', access: 'public' },
	{ pattern: '/api/auth/logout', access: 'authenticated' },
	// Any logged-in user may ask; the handler checks that the REAL user (behind a view-as) is an admin,
	// because an admin viewing as a unit user must still be able to leave.
	{ pattern: '/api/auth/view-as', access: 'authenticated' },

	// Dashboards: every role; the metrics layer scopes the numbers to the user's units.
	{ pattern: '/', access: 'authenticated' },
	{ pattern: '/handling', access: 'authenticated' },
	{ pattern: '/repeats', access: 'authenticated' },
	{ pattern: '/hotspots', access: 'authenticated' },
	{ pattern: '/units', access: 'authenticated' },
	{ pattern: '/units/[unit]', access: 'authenticated' },
	{ pattern: '/api/metrics/**', access: 'authenticated' },
	{ pattern: '/api/calendar/**', access: 'authenticated', methods: ['GET'] },

	// Marking a case as typical is an analyst's editorial act, not a case-level read.
	{ pattern: '/api/cases/[id]/typical', access: IMPORTERS },

	// Case-level data: never the leader (aggregates only); unit users are scoped to their units inside.
	{ pattern: '/cases', access: CASE_LEVEL },
	{ pattern: '/cases/[id]', access: CASE_LEVEL },
	{ pattern: '/api/cases/**', access: CASE_LEVEL },
	{ pattern: '/api/cases.csv', access: CASE_LEVEL },
	{ pattern: '/api/cases.xlsx', access: CASE_LEVEL },
	{ pattern: '/compliance/**', access: CASE_LEVEL },
	{ pattern: '/api/compliance/**', access: CASE_LEVEL },

	// The review of flags into findings: inspectors propose, the leader approves (each action checks its role).
	{ pattern: '/appraisal/review', access: ['admin', 'inspector', 'leader'] },
	// A unit reads the findings it was told of (no complainant identity) and answers once.
	{ pattern: '/findings', access: ['unit'] },
	// The same as JSON for scripts: the queue and its steps, and a unit's own findings and explanation.
	{ pattern: '/api/findings', access: ['admin', 'inspector', 'leader'] },
	{ pattern: '/api/findings/unit', access: ['unit'] },

	// Publishing a year's appraisal as a numbered version: those who prepare and sign it (reading versions: below).
	{ pattern: '/api/appraisal/versions', access: ['admin', 'inspector', 'leader'], methods: ['POST'] },
	// Appraisal lists and bulletins: leadership documents, not for units.
	{ pattern: '/appraisal/**', access: APPRAISAL },
	{ pattern: '/api/appraisal/**', access: APPRAISAL },
	{ pattern: '/bulletin/**', access: APPRAISAL },
	{ pattern: '/api/bulletin/**', access: APPRAISAL },

	// Loading data.
	{ pattern: '/import/**', access: IMPORTERS },
	{ pattern: '/api/import/**', access: IMPORTERS },

	// Users, audit log, "view as" choices.
	{ pattern: '/admin/**', access: ADMIN },
	{ pattern: '/api/admin/**', access: ADMIN }
];

/**
 * Body size limits (bytes), enforced in hooks.server.ts before the session is even looked up: every body is
 * counted while it streams in (chunked ones too), not only by its Content-Length. Log-in, forms and JSON APIs
 * need kilobytes; only the upload route streams a file to disk, under its own cap (IMPORT_MAX_BYTES).
 */
export const MAX_UPLOAD_BYTES = DEFAULT_MAX_UPLOAD_BYTES; // the default cap; maxBodyBytes reads the setting
export const MAX_BODY_BYTES = 64 * 1024; // log-in, forms and JSON APIs

/** The few JSON APIs that legitimately take more than MAX_BODY_BYTES. */
const LARGER_BODIES: readonly { pattern: string; bytes: number }[] = [
	// the first rows of a preview, for finding the header row: up to 11 rows of wide free text
	{ pattern: '/api/import/mapping', bytes: 4 * 1024 ** 2 },
	// a year's holiday notice
	{ pattern: '/api/admin/calendar', bytes: 1024 ** 2 }
];

/** Routes whose handler streams the body to disk itself, counting it against the upload cap. */
const STREAMED_UPLOADS = ['/api/import/uploads'];

export function streamsBody(routeId: string | null): boolean {
	return routeId !== null && STREAMED_UPLOADS.some((p) => matchesPattern(p, routeId));
}

/** '/(app)/cases/[id]' → '/cases/[id]': route groups do not change the URL, so they do not change access. */
export function normaliseRouteId(routeId: string): string {
	const stripped = routeId.replace(/\/\([^/]+\)/g, '');
	return stripped === '' ? '/' : stripped;
}

export function matchesPattern(pattern: string, routeId: string): boolean {
	const id = normaliseRouteId(routeId);
	if (pattern.endsWith('/**')) {
		const prefix = pattern.slice(0, -3);
		return id === prefix || id.startsWith(prefix + '/');
	}
	return id === pattern;
}

function methodMatches(rule: PolicyRule, method: string): boolean {
	if (!rule.methods) return true;
	const m = method.toUpperCase() === 'HEAD' ? 'GET' : method.toUpperCase();
	return rule.methods.includes(m);
}

/** The rule deciding this route and method, or undefined (→ denied to everyone). */
export function ruleFor(routeId: string, method = 'GET'): PolicyRule | undefined {
	return ROUTE_POLICY.find((r) => matchesPattern(r.pattern, routeId) && methodMatches(r, method));
}

/** Is the route covered by the table at all (for some method)? */
export function isCovered(routeId: string): boolean {
	return ROUTE_POLICY.some((r) => matchesPattern(r.pattern, routeId));
}

/** Roles allowed on a route: 'public', or the list of roles (empty = nobody, the default). */
export function allowedRoles(routeId: string, method = 'GET'): 'public' | readonly Role[] {
	const rule = ruleFor(routeId, method);
	if (!rule) return [];
	if (rule.access === 'public') return 'public';
	if (rule.access === 'authenticated') return ROLES;
	return rule.access;
}

export type Decision = { allowed: true } | { allowed: false; status: 401 | 403 };

/** The decision for one request. Anonymous users get 401 (pages redirect to /login), wrong roles 403. */
export function authorize(routeId: string, method: string, user: SessionUser | null): Decision {
	const roles = allowedRoles(routeId, method);
	if (roles === 'public') return { allowed: true };
	if (!user) return { allowed: false, status: 401 };
	return roles.includes(user.role) ? { allowed: true } : { allowed: false, status: 403 };
}

export function maxBodyBytes(routeId: string | null): number {
	if (routeId === null) return MAX_BODY_BYTES;
	if (streamsBody(routeId)) return maxUploadBytes();
	return LARGER_BODIES.find((l) => matchesPattern(l.pattern, routeId))?.bytes ?? MAX_BODY_BYTES;
}

export interface NavItem {
	href: string;
	label: string;
}

/** Top-level pages in menu order, each with the route id that decides whether the user may open it. */
const NAV: readonly { href: string; routeId: string; label: string }[] = [
	{ href: '/', routeId: '/', label: NAV_LABELS.home },
	{ href: '/handling', routeId: '/handling', label: NAV_LABELS.handling },
	{ href: '/repeats', routeId: '/repeats', label: NAV_LABELS.repeats },
	{ href: '/hotspots', routeId: '/hotspots', label: hotspotText.title },
	{ href: '/units', routeId: '/units', label: NAV_LABELS.units },
	{ href: '/cases', routeId: '/cases', label: NAV_LABELS.cases },
	{ href: '/compliance', routeId: '/compliance', label: NAV_LABELS.compliance },
	// a unit's own page for the findings it was told of and its one written explanation (情况说明)
	{ href: '/findings', routeId: '/findings', label: NAV_LABELS.findings },
	{ href: '/appraisal', routeId: '/appraisal', label: NAV_LABELS.appraisal },
	{ href: '/bulletin', routeId: '/bulletin', label: NAV_LABELS.bulletin },
	{ href: '/import', routeId: '/import', label: NAV_LABELS.import },
	{ href: '/admin/users', routeId: '/admin/users', label: NAV_LABELS.users },
	{ href: '/admin/audit', routeId: '/admin/audit', label: NAV_LABELS.audit },
	{ href: '/admin/settings', routeId: '/admin/settings', label: NAV_LABELS.settings }
];

/** The menu entries this user may open (same table as the enforcement, so the menu never shows a 403). */
export function navFor(user: SessionUser | null): NavItem[] {
	if (!user) return [];
	return NAV.filter((n) => authorize(n.routeId, 'GET', user).allowed).map(({ href, label }) => ({ href, label }));
}
