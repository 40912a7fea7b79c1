// Which canonical fields each batch carried (a column of its file was mapped to them) and, per case, the union over
// the batches that wrote it: a deadline rule whose field no batch of the case carried is no-data, never open or late.
// - import_batches.carried: the field names; cases.carried_mask: one bit per field, positions as ingest/carried.ts
//   CARRIED_BITS (copied here as they were when this migration shipped; that list is append-only).
// - Databases that already hold cases: a batch's carried fields are the keys of its stored mapping; a case's mask is
//   the union over the batches known to have written it (first_batch_id, batch_id and both batches of every
//   case_history row). Where that is unknown (a batch without a stored mapping, or no such batch row at all) the
//   mask stays NULL, which counts as carrying EVERY field: old results are not turned into no-data on a guess.
const BITS = [
	'case_id', 'received_at', 'channel', 'complainant_name', 'complainant_phone', 'complainant_id_no', 'unit', 'person',
	'category', 'handling_mode', 'severity', 'accepted_at', 'dispatched_at', 'first_response_at', 'closed_at',
	'replied_at', 'filed_report_at', 'callback_at', 'due_at', 'extension_approved', 'extension_days',
	'extension_requested_at', 'extension_approved_at', 'extension_approved_by', 'pause_start_at', 'pause_end_at',
	'pause_reason', 'outcome', 'satisfaction', 'content', 'source_verdict'
];
const bitsSql = `[${BITS.map((b) => `'${b}'`).join(', ')}]`;

export const sql = /* sql */ `
ALTER TABLE import_batches ADD COLUMN carried VARCHAR[];
ALTER TABLE cases ADD COLUMN carried_mask BIGINT;
UPDATE import_batches SET carried = list_filter(json_keys(mapping), k -> list_contains(${bitsSql}, k)) WHERE mapping IS NOT NULL;
CREATE TEMP TABLE _m006_batch_masks AS
	SELECT batch_id, coalesce(list_sum(list_transform(carried, k -> (1::BIGINT << (list_position(${bitsSql}, k) - 1)))), 0)::BIGINT AS mask
	FROM import_batches WHERE carried IS NOT NULL;
UPDATE cases SET carried_mask = w.mask FROM (
	SELECT x.case_id, CASE WHEN bool_and(b.mask IS NOT NULL) THEN bit_or(b.mask) END AS mask
	FROM (SELECT case_id, first_batch_id AS batch_id FROM cases
		UNION SELECT case_id, batch_id FROM cases
		UNION SELECT case_id, batch_id FROM case_history
		UNION SELECT case_id, superseded_by_batch FROM case_history) x
	LEFT JOIN _m006_batch_masks b ON b.batch_id = x.batch_id
	GROUP BY x.case_id) w
WHERE cases.case_id = w.case_id AND w.mask IS NOT NULL;
DROP TABLE _m006_batch_masks;
`;
