// Which canonical fields an export carried: a field is carried by a batch when the import mapped a column of the
// file to it (the importer has no per-batch constants, so a mapping is the only way). A case carries a field when
// any batch that wrote it (created or changed it: ingest/merge.ts) did (cases.carried_mask, one bit per field): an empty cell in a carried column says the
// step has not happened, while a field no batch of the case carried says nothing (the deadline rules that need it
// report no-data instead of an open or late step). In db/: the importer writes the mask, compliance reads it.
import type { CanonicalField } from '../../model/import.ts';

/**
 * Bit positions of cases.carried_mask, stored in databases: APPEND ONLY, never reorder or remove (a new canonical
 * field gets the next bit). A NULL mask means "not known" (cases written before migration 006 whose batches'
 * mappings were not stored) and counts as carrying every field.
 */
export const CARRIED_BITS: readonly CanonicalField[] = [
	'case_id',
	'received_at',
	'channel',
	'complainant_name',
	'complainant_phone',
	'complainant_id_no',
	'unit',
	'person',
	'category',
	'handling_mode',
	'severity',
	'accepted_at',
	'dispatched_at',
	'first_response_at',
	'closed_at',
	'replied_at',
	'filed_report_at',
	'callback_at',
	'due_at',
	'extension_approved',
	'extension_days',
	'extension_requested_at',
	'extension_approved_at',
	'extension_approved_by',
	'pause_start_at',
	'pause_end_at',
	'pause_reason',
	'outcome',
	'satisfaction',
	'content',
	'source_verdict',
	'sub_category',
	'title',
	'reply_text',
	'resolved',
	'co_units',
	'returned',
	'procedure'
];

/** The bit of one field (a JS number: at most 2^52, exact). */
export function fieldBit(field: string): number {
	const i = CARRIED_BITS.indexOf(field as CanonicalField);
	if (i < 0) throw new Error(`no carried bit for field ${field}`);
	return 2 ** i;
}

/** The mask of a set of fields (each counted once). */
export function carriedMask(fields: Iterable<string>): number {
	let mask = 0;
	for (const f of new Set(fields)) mask += fieldBit(f);
	return mask;
}

/** The fields of a mask, in CARRIED_BITS order. */
export function fieldsOfMask(mask: number): CanonicalField[] {
	return CARRIED_BITS.filter((_, i) => Math.floor(mask / 2 ** i) % 2 === 1);
}
