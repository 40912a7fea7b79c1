// Row filter and column policy of product.md §6, in one place: every query that returns cases or
// numbers about cases takes the user and applies these. Callers never decide access themselves.
import { listValue, type DuckDBListValue } from '@duckdb/node-api';
import type { SessionUser } from './types.ts';

/** Canonical fields that identify the complainant. */
export const PII_FIELDS = ['complainant_name', 'complainant_phone', 'complainant_id_no'] as const;

/** May this user see the complainant's identity in clear? (inspector only with the grant; leader, unit never) */
export function canSeePii(user: SessionUser): boolean {
	return user.role === 'admin' || user.role === 'analyst' || (user.role === 'inspector' && user.pii);
}

/** May this user see case-level rows at all? Leaders see aggregates and bulletins only. */
export function canSeeCases(user: SessionUser): boolean {
	return user.role !== 'leader';
}

/** May this user see even the salted complainant key (used to link repeats)? Unit users: never. */
export function canSeeComplainantKey(user: SessionUser): boolean {
	return user.role !== 'unit';
}

/**
 * The SQL condition restricting rows to the units the user may see, over a column expression
 * (default `unit`). Units go in as one bound list parameter; nothing from the user is concatenated.
 */
export function unitScope(
	user: SessionUser,
	column = 'unit'
): { sql: string; params: Record<string, DuckDBListValue> } | null {
	if (user.role !== 'unit') return null;
	// A JS array cannot be bound directly (DuckDB cannot infer its type): wrap it as a VARCHAR list.
	return { sql: `list_contains($scope_units::VARCHAR[], ${column})`, params: { scope_units: listValue(user.units) } };
}
