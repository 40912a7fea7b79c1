// Derived tables of the hot-spot pages, built after an import like the metrics facts (facts.ts), incrementally:
// only cases whose text (or complainant name) changed since the last build are segmented again.
//   case_terms(case_id, received_date, term, tf)   one row per case × distinct term; tf = count / terms of the case
//   term_df(term, df)                              in how many cases each term occurs (the IDF's df)
//   case_text_sig(case_id, received_date, text_hash, n_terms, sig, places)  one row per case: its SimHash signature
//                                                  and the places it names ('|'-separated)
//   case_group(case_id, received_date, fp, group_seed)  each grouped case's seed and what its grouping read (fp)
//   case_concentrated(case_id, received_date, group_seed)  the cases of near-duplicate groups with two or more
//                                                  complainants (集中诉求) over the whole corpus (migration 011)
//   hotspot_meta(version, cases, max_df)           the data version built, the corpus size N and the document-
//                                                  frequency ceiling of a listed term (text.ts dfCeiling)
// Terms never carry identity: the text segmented is the redacted copy every role without the PII grant reads
// (cases.content_redacted: no complainant name, phone, ID or card number, e-mail), and on top of it text.ts cuts
// out digit, Latin and e-mail runs and any term containing the complainant's name.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { DuckDBConnection } from '@duckdb/node-api';
import type { Database } from '../db/index.ts';
import { listValue } from '@duckdb/node-api';
import { createSegmenter, dfCeiling, findPlaceNames, segmentWithPlaces, shingles, simhash, type Segmenter } from './text.ts';
import { DUPLICATE_WINDOW_DAYS, MIN_TERMS, SIMHASH_MAX_DISTANCE, assignSeeds } from './group.ts';
import { CASES_STAMP_SQL } from '../db/corpus.ts';
import { invalidateFacts } from '../metrics/facts.ts';

/** The text each case is segmented from: the redacted copy (migration 007), never the raw text. */
const TEXT_SQL = `coalesce(c.content_redacted, '')`;
const NAME_SQL = `coalesce(c.complainant_name, '')`;
/** What a case's stored terms and signature depend on: its text, its complainant's name and its day (the tables' join key). */
const HASH_SQL = `hash(${TEXT_SQL} || chr(1) || ${NAME_SQL} || chr(1) || c.received_at::DATE::VARCHAR)`;
/** How many recent texts the place-name finder reads for the dictionary. */
const PLACE_SAMPLE = 20000;
/** Cases segmented per round trip (bounds the memory of a first build at millions of cases). */
const CHUNK = 50000;

const TABLES_SQL = /* sql */ `
CREATE TABLE IF NOT EXISTS case_terms (case_id VARCHAR NOT NULL, received_date DATE NOT NULL, term VARCHAR NOT NULL, tf DOUBLE NOT NULL);
CREATE TABLE IF NOT EXISTS case_text_sig (case_id VARCHAR NOT NULL, received_date DATE NOT NULL, text_hash UBIGINT, n_terms INTEGER NOT NULL, sig UBIGINT NOT NULL, places VARCHAR NOT NULL);
CREATE TABLE IF NOT EXISTS term_df (term VARCHAR NOT NULL, df INTEGER NOT NULL);
CREATE TABLE IF NOT EXISTS case_group (case_id VARCHAR NOT NULL, received_date DATE NOT NULL, fp UBIGINT NOT NULL, group_seed VARCHAR NOT NULL);
CREATE TABLE IF NOT EXISTS hotspot_meta (version VARCHAR, cases INTEGER);
ALTER TABLE hotspot_meta ADD COLUMN IF NOT EXISTS max_df INTEGER;
ALTER TABLE hotspot_meta ADD COLUMN IF NOT EXISTS batch BIGINT;
ALTER TABLE hotspot_meta ADD COLUMN IF NOT EXISTS migrations VARCHAR;
`;

/**
 * The schema migrations applied: a migration may rewrite the texts in place (016 refilled the redacted copies)
 * without a new batch id, so the change check reads every text again when they differ from the last build's.
 */
const MIGRATIONS_SQL = `(SELECT string_agg(version::VARCHAR, ',' ORDER BY version) FROM schema_migrations)`;
/** The largest batch id of the cases: every batch that writes a case gives it a larger one (db/corpus.ts). */
const MAX_BATCH_SQL = `(SELECT coalesce(max(batch_id), 0) FROM cases)`;

/** The data the tables depend on: cases written (batches, count). Cases are never deleted, only rewritten. */
export async function hotspotVersion(db: Database): Promise<string> {
	const row = await db.queryOne<{ v: string }>(
		`SELECT (SELECT coalesce(max(batch_id), 0) FROM import_batches)::VARCHAR || '/' || (SELECT count(*) FROM cases)::VARCHAR
			|| '/' || (SELECT coalesce(max(batch_id), 0) FROM cases)::VARCHAR AS v`
	);
	return `${BUILD_CODE}|${row?.v ?? ''}`;
}
/** Bump when segmentation or the tables change: stored terms of an older build are rebuilt from scratch. */
const BUILD_CODE = 'hs9';

/** Domain words: unit names and aliases, and place names found in the recent texts. */
export async function domainWords(db: Database): Promise<{ units: string[]; places: string[] }> {
	const units = await db.query<{ w: string }>(`SELECT name AS w FROM units UNION SELECT alias FROM unit_aliases UNION SELECT DISTINCT unit FROM cases`);
	// the moment of the PLACE_SAMPLE-th latest text first: sorting every case by time to take the latest texts read
	// all 1,000,000 texts (5 s); the same texts (ties at that moment aside, as before) from the ones at or after it
	// (all of them in a corpus of fewer)
	const texts = await db.query<{ t: string }>(
		`SELECT c.content_redacted AS t FROM cases c
		WHERE c.content_redacted IS NOT NULL
			AND c.received_at >= coalesce((SELECT received_at FROM cases WHERE content_redacted IS NOT NULL ORDER BY received_at DESC LIMIT 1 OFFSET ${PLACE_SAMPLE - 1}), '-infinity'::TIMESTAMP)
		ORDER BY c.received_at DESC LIMIT ${PLACE_SAMPLE}`
	);
	return { units: units.map((r) => String(r.w)), places: findPlaceNames(texts.map((r) => String(r.t))) };
}

export interface BuildReport {
	segmented: number;
	cases: number;
	seconds: number;
}

interface State {
	version: string | null;
	building: Promise<void> | null;
}
const states = new WeakMap<Database, State>();

/** Makes sure the hot-spot tables match the cases (builds what changed); concurrent callers share one build. */
export function ensureHotspots(db: Database): Promise<void> {
	let s = states.get(db);
	if (!s) states.set(db, (s = { version: null, building: null }));
	// One check (and at most one build) at a time: concurrent requests share it, so two first visits never race
	// to create the same tables (a write-write conflict).
	if (s.building) return s.building;
	const st = s;
	st.building = (async () => {
		const current = await hotspotVersion(db);
		if (st.version === current) return;
		const stored = await db.queryOne<{ version: string }>('SELECT version FROM hotspot_meta').catch(() => undefined);
		if (stored?.version !== current) await buildHotspots(db);
		st.version = current;
	})().finally(() => {
		st.building = null;
	});
	return st.building;
}

/** Builds the tables for the cases whose text changed (all of them the first time). */
export async function buildHotspots(db: Database, seg?: Segmenter): Promise<BuildReport> {
	const started = Date.now();
	const version = await hotspotVersion(db);
	const lap = (what: string) => process.env.HOTSPOT_DEBUG && console.log(what, (Date.now() - started) / 1000);
	// the dictionary (units, places in the texts) and the segmenter cost seconds: only when there is text to segment
	const segmenter = async () => {
		if (seg) return seg;
		const words = await domainWords(db);
		return createSegmenter(words.places, words.units);
	};
	let segmented = 0;
	await db.transaction(async (conn) => {
		await conn.run(TABLES_SQL);
		const meta = (await conn.runAndReadAll(`SELECT version, batch::VARCHAR AS batch, migrations, ${MIGRATIONS_SQL} AS now_migrations, ${MAX_BATCH_SQL}::VARCHAR AS now_batch FROM (SELECT 1) LEFT JOIN hotspot_meta ON true`)).getRowObjectsJson()[0] ?? {};
		const prev = (meta.version as string | null | undefined) ?? '';
		if (!prev.startsWith(BUILD_CODE + '|')) {
			// an older build's tables may lack a column: built again from scratch
			await conn.run('DROP TABLE case_terms; DROP TABLE case_text_sig; DROP TABLE case_group; DELETE FROM term_df;');
			await conn.run(TABLES_SQL);
		}
		// Since the last build of this code and these migrations, only the cases of later batches can have changed:
		// the hash of every text (8–13 s at 1,000,000 cases) is read only when the code or the migrations changed.
		const sinceBatch = prev.startsWith(BUILD_CODE + '|') && meta.batch != null && meta.migrations === meta.now_migrations ? Number(meta.batch) : null;
		// The cases to (re)segment: new ones and those whose text or name changed.
		await conn.run(
			`CREATE OR REPLACE TEMP TABLE hs_todo AS
			SELECT row_number() OVER () AS rn, c.case_id, c.received_at::DATE AS received_date, ${TEXT_SQL} AS text, ${NAME_SQL} AS name,
				${HASH_SQL} AS text_hash
			FROM cases c
			WHERE ${sinceBatch === null ? 'true' : 'c.batch_id > $since'}
				AND NOT EXISTS (SELECT 1 FROM case_text_sig s WHERE s.case_id = c.case_id AND s.text_hash = ${HASH_SQL})`,
			sinceBatch === null ? {} : { since: sinceBatch }
		);
		const todo = Number((await conn.runAndReadAll('SELECT count(*)::INTEGER AS n FROM hs_todo')).getRowObjectsJson()[0]?.n ?? 0);
		segmented = todo;
		lap('todo');
		if (todo > 0) {
			// the document frequencies follow by delta: less the todo cases' old terms, plus their new ones (a recount
			// of every case's terms cost seconds at 1,000,000 cases); a first build counts them all
			const delta = sinceBatch !== null;
			if (delta)
				await conn.run(`CREATE OR REPLACE TEMP TABLE hs_df_delta AS
					SELECT term, -count(*) AS d FROM case_terms WHERE case_id IN (SELECT case_id FROM hs_todo) GROUP BY term`);
			await conn.run('DELETE FROM case_terms WHERE case_id IN (SELECT case_id FROM hs_todo)');
			await conn.run('DELETE FROM case_text_sig WHERE case_id IN (SELECT case_id FROM hs_todo)');
			lap('deleted');
			const docs = await segmentAll(conn, await segmenter(), todo);
			lap('segmented');
			if (delta) {
				const n = new Map<number, number>();
				for (const ids of docs.terms) for (const id of ids) n.set(id, (n.get(id) ?? 0) + 1);
				if (n.size)
					await conn.run(`INSERT INTO hs_df_delta SELECT unnest($terms::VARCHAR[]), unnest($ns::BIGINT[])`, {
						terms: listValue([...n.keys()].map((id) => docs.vocabulary[id])),
						ns: listValue([...n.values()].map((v) => BigInt(v)))
					});
				await conn.run(`CREATE OR REPLACE TABLE term_df AS
					SELECT term, sum(df)::INTEGER AS df FROM (SELECT term, df FROM term_df UNION ALL SELECT term, d FROM hs_df_delta)
					GROUP BY term HAVING sum(df) > 0`);
				await conn.run('DROP TABLE hs_df_delta');
			} else await conn.run('CREATE OR REPLACE TABLE term_df AS SELECT term, count(*)::INTEGER AS df FROM case_terms GROUP BY term');
			lap('df');
			await writeSignatures(conn, docs);
			lap('signatures');
		}
		// 集中诉求 are regrouped whenever the cases changed since they were grouped: a new case may join a group, and a
		// rewritten one may move to another unit or complainant without a change of its text.
		const stamp = String((await conn.runAndReadAll(`SELECT ${CASES_STAMP_SQL} AS s`)).getRowObjectsJson()[0]?.s ?? '');
		const grouped = (await conn.runAndReadAll('SELECT max(cases_stamp) AS s FROM case_concentrated_meta')).getRowObjectsJson()[0]?.s;
		if (todo > 0 || !prev.startsWith(BUILD_CODE + '|') || grouped !== stamp) {
			// all of them after a change of this code, or before the first build that kept each case's seed
			const kept = Number((await conn.runAndReadAll('SELECT count(*)::INTEGER AS n FROM case_group')).getRowObjectsJson()[0]?.n ?? 0);
			// the cases grouped last: those of batches up to the stamp's (db/corpus.ts: largest batch id / count)
			const groupedBatch = typeof grouped === 'string' && /^\d+\//.test(grouped) ? Number(grouped.split('/')[0]) : null;
			await writeConcentrated(conn, !prev.startsWith(BUILD_CODE + '|') || kept === 0, groupedBatch, lap);
			await conn.run('DELETE FROM case_concentrated_meta');
			await conn.run('INSERT INTO case_concentrated_meta VALUES ($s)', { s: stamp });
			lap('concentrated');
		}
		await conn.run('DROP TABLE IF EXISTS hs_todo');
		await conn.run('DELETE FROM hotspot_meta');
		const corpus = Number((await conn.runAndReadAll('SELECT count(*)::INTEGER AS n FROM case_text_sig')).getRowObjectsJson()[0]?.n ?? 0);
		await conn.run(`INSERT INTO hotspot_meta (version, cases, max_df, batch, migrations) VALUES ($v, $n, $max_df, ${MAX_BATCH_SQL}, ${MIGRATIONS_SQL})`, {
			v: version,
			n: corpus,
			max_df: dfCeiling(corpus)
		});
	});
	// results cached by the metrics layer (集中诉求占比) may have been read from the groups of before
	invalidateFacts(db);
	const n = await db.queryOne<{ n: number }>('SELECT count(*)::INTEGER AS n FROM case_text_sig');
	return { segmented, cases: Number(n?.n ?? 0), seconds: (Date.now() - started) / 1000 };
}

interface Docs {
	ids: string[];
	terms: Int32Array[];
	/** Per case, the places its text names, sorted and '|'-separated (text.ts placeTerms). */
	places: string[];
	vocabulary: string[];
}

/**
 * Segments the todo cases chunk by chunk and bulk-loads their terms (a tab-separated file per chunk read by
 * DuckDB: an appender call per value cost most of the build); returns each case's terms (as ids) for the signatures.
 */
async function segmentAll(conn: DuckDBConnection, seg: Segmenter, todo: number): Promise<Docs> {
	const vocabulary: string[] = [];
	const idOf = new Map<string, number>();
	const docs: Docs = { ids: [], terms: [], places: [], vocabulary };
	const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'hotspots-'));
	try {
		for (let lo = 1; lo <= todo; lo += CHUNK) {
			const reader = await conn.runAndReadAll(
				`SELECT rn::INTEGER AS rn, case_id, text, name FROM hs_todo WHERE rn BETWEEN $lo AND $hi ORDER BY rn`,
				{ lo, hi: lo + CHUNK - 1 }
			);
			const lines: string[] = [];
			for (const r of reader.getRowObjectsJson() as { rn: number; case_id: string; text: string; name: string }[]) {
				const { terms, places } = segmentWithPlaces(seg, r.text, r.name);
				const counts = new Map<string, number>();
				for (const t of terms) counts.set(t, (counts.get(t) ?? 0) + 1);
				const ids = new Int32Array(counts.size);
				let i = 0;
				for (const [t, n] of counts) {
					lines.push(`${r.rn}\t${t}\t${n / terms.length}`);
					let id = idOf.get(t);
					if (id === undefined) {
						id = vocabulary.length;
						vocabulary.push(t);
						idOf.set(t, id);
					}
					ids[i++] = id;
				}
				docs.ids.push(String(r.rn));
				docs.terms.push(ids);
				docs.places.push([...places].sort().join('|'));
			}
			// a chunk whose texts yield no term at all (empty, or only stop words) has nothing to load
			if (lines.length === 0) continue;
			const file = path.join(dir, `terms-${lo}.tsv`);
			fs.writeFileSync(file, lines.join('\n') + '\n');
			await conn.run(
				`INSERT INTO case_terms SELECT h.case_id, h.received_date, x.term, x.tf
				 FROM read_csv($file, delim = '\t', header = false, quote = '', escape = '', columns = {'rn': 'BIGINT', 'term': 'VARCHAR', 'tf': 'DOUBLE'}) x
				 JOIN hs_todo h ON h.rn = x.rn`,
				{ file }
			);
		}
	} finally {
		fs.rmSync(dir, { recursive: true, force: true });
	}
	return docs;
}

/**
 * SimHash of each case over the character bigrams of its terms, weighted by the terms' IDF in the corpus, and the
 * places it names ('|'-separated): the same complaint about another village is another matter (group.ts).
 */
async function writeSignatures(conn: DuckDBConnection, docs: Docs): Promise<void> {
	// the df of the terms of the cases signed only; N: the todo cases were deleted from case_text_sig, so the corpus
	// is the rows left there and the todo's (the distinct count over both cost a second at 1,000,000 cases)
	const dfRows = docs.vocabulary.length
		? ((
				await conn.runAndReadAll('SELECT term, df FROM term_df WHERE term IN (SELECT unnest($terms::VARCHAR[]))', { terms: listValue(docs.vocabulary) })
			).getRowObjectsJson() as { term: string; df: number }[])
		: [];
	const nRow = (await conn.runAndReadAll('SELECT ((SELECT count(*) FROM case_text_sig) + (SELECT count(*) FROM hs_todo))::INTEGER AS n')).getRowObjectsJson()[0];
	const N = Number(nRow?.n ?? 0);
	const df = new Map(dfRows.map((r) => [String(r.term), Number(r.df)]));
	const idf = (t: string) => Math.log((N + 1) / ((df.get(t) ?? 0) + 1));
	await conn.run('CREATE OR REPLACE TABLE hs_sig_stage (rn BIGINT, n_terms INTEGER, sig UBIGINT, places VARCHAR)');
	const app = await conn.createAppender('hs_sig_stage');
	try {
		for (let i = 0; i < docs.ids.length; i++) {
			const terms = Array.from(docs.terms[i], (id) => docs.vocabulary[id]);
			app.appendBigInt(BigInt(docs.ids[i]));
			app.appendInteger(terms.length);
			app.appendUBigInt(simhash(shingles(terms, idf)));
			app.appendVarchar(docs.places[i]);
			app.endRow();
		}
		app.flushSync();
	} finally {
		app.closeSync();
	}
	await conn.run(`INSERT INTO case_text_sig SELECT t.case_id, t.received_date, t.text_hash, s.n_terms, s.sig, s.places FROM hs_todo t JOIN hs_sig_stage s USING (rn)`);
	await conn.run('DROP TABLE hs_sig_stage');
}

/**
 * 集中诉求 over the whole corpus: the near-duplicate groups (group.ts, the same rule as the 热点诉求 page's groups:
 * seed by seed in order of receipt, within a unit, SIMHASH_MAX_DISTANCE bits, DUPLICATE_WINDOW_DAYS days, places
 * agreeing) of all cases, not of one period, so a case's membership does not depend on the period a screen chose;
 * the groups with two or more distinct complainants are written to case_concentrated. The metrics layer's measure
 * concentrated_rate counts them.
 * Every grouped case's seed is kept (case_group, with a fingerprint of what its grouping reads), so after a batch
 * only the cases from the first day a case changed are regrouped: a case's group never depends on later cases, and
 * the seeds of the window before that day are replayed over them (group.ts assignSeeds). Regrouping all 1,000,000
 * demo cases after each import of 1,000 took two minutes.
 */
async function writeConcentrated(conn: DuckDBConnection, full: boolean, groupedBatch: number | null = null, lap: (what: string) => void = () => {}): Promise<void> {
	const cur = (where: string) => `CREATE OR REPLACE TEMP TABLE hs_cur AS
		SELECT x.case_id, x.received_date, c.received_at, coalesce(c.unit, '') AS unit, x.sig, x.places, coalesce(c.complainant_key, '') AS who,
			hash(coalesce(c.unit, ''), x.sig, x.places, coalesce(c.complainant_key, ''), c.received_at) AS fp
		FROM case_text_sig x JOIN cases c ON c.case_id = x.case_id
		WHERE x.n_terms >= ${MIN_TERMS} AND ${where}`;
	let first: unknown;
	if (!full && groupedBatch !== null) {
		// What a case's grouping reads (unit, complainant, time: the case's row; signature, places, number of terms:
		// case_text_sig) changes only with a later batch or a re-signing (hs_todo): the first day is that of those
		// cases, at their new day or their old one, and only the cases from the window before it are read (reading
		// and comparing every case's fingerprint cost 5–10 s at 1,000,000 cases)
		first = (
			await conn.runAndReadAll(
				`WITH changed AS (SELECT case_id, received_at::DATE AS d FROM cases WHERE batch_id > $gb UNION ALL SELECT case_id, received_date FROM hs_todo)
				SELECT (min(d) - DATE '1970-01-01')::INTEGER AS day FROM (
					SELECT d FROM changed UNION ALL SELECT g.received_date FROM case_group g SEMI JOIN changed USING (case_id))`,
				{ gb: groupedBatch }
			)
		).getRowObjectsJson()[0]?.day;
		if (first === null || first === undefined) return;
		await conn.run(cur(`x.received_date >= DATE '1970-01-01' + $from::INTEGER`), { from: Number(first) - DUPLICATE_WINDOW_DAYS });
	} else {
		await conn.run(cur('true'));
		// the first day of a case that changed: new, rewritten, or no longer grouped (its old day counts too)
		first = (await conn.runAndReadAll(`
			SELECT (min(d) - DATE '1970-01-01')::INTEGER AS day FROM (
				SELECT n.received_date AS d FROM hs_cur n LEFT JOIN case_group g USING (case_id) WHERE g.case_id IS NULL OR g.fp <> n.fp
				UNION ALL SELECT g.received_date FROM case_group g LEFT JOIN hs_cur n USING (case_id) WHERE n.case_id IS NULL OR g.fp <> n.fp)`)).getRowObjectsJson()[0]?.day;
		if (!full && (first === null || first === undefined)) return;
	}
	lap('first day');
	const fromDay = full ? -1e9 : Number(first);
	const loadFrom = fromDay - DUPLICATE_WINDOW_DAYS;
	const reader = await conn.runAndReadAll(
		`SELECT n.case_id, n.received_date::VARCHAR AS received_date, n.unit, (n.received_date - DATE '1970-01-01')::INTEGER AS day,
			(n.sig >> 32)::UINTEGER::DOUBLE AS hi, (n.sig & 4294967295::UBIGINT)::UINTEGER::DOUBLE AS lo, n.places, n.who, n.fp::VARCHAR AS fp,
			g.group_seed AS stored_seed
		FROM hs_cur n LEFT JOIN case_group g USING (case_id)
		WHERE (n.received_date - DATE '1970-01-01')::INTEGER >= $from
		ORDER BY n.received_at, n.case_id`,
		{ from: loadFrom }
	);
	lap('loaded');
	const rows = reader.getRowObjectsJson() as { case_id: string; received_date: string; unit: string; day: number; hi: number; lo: number; places: string; who: string; fp: string; stored_seed: string | null }[];
	const cases = rows.map((r) => ({ unit: String(r.unit), day: Number(r.day), hi: Number(r.hi), lo: Number(r.lo), places: r.places ? String(r.places).split('|') : [] }));
	const seedOf = assignSeeds(cases, SIMHASH_MAX_DISTANCE, DUPLICATE_WINDOW_DAYS, { fromDay, isSeed: (i) => rows[i].stored_seed === rows[i].case_id });
	// each loaded case's seed (a case id): the one found now from fromDay on, the stored one before it
	const seedId = rows.map((r, i) => (cases[i].day >= fromDay ? rows[seedOf[i]].case_id : r.stored_seed));
	// the groups regrouped: those of the seeds loaded (received from loadFrom on), with all their members
	const loaded = new Map(rows.map((r, i) => [r.case_id, i]));
	const groups = new Map<string, number[]>();
	for (let i = 0; i < rows.length; i++) {
		const seed = seedId[i];
		if (seed === null || !loaded.has(seed)) continue;
		const g = groups.get(seed);
		if (g) g.push(i);
		else groups.set(seed, [i]);
	}
	const ids: string[] = [];
	const dates: string[] = [];
	const seeds: string[] = [];
	for (const [seed, g] of groups) {
		if (g.length < 2 || new Set(g.map((i) => rows[i].who).filter((w) => w !== '')).size < 2) continue;
		for (const i of g) {
			ids.push(rows[i].case_id);
			dates.push(rows[i].received_date);
			seeds.push(seed);
		}
	}
	lap('grouped');
	if (full) {
		await conn.run('DELETE FROM case_concentrated; DELETE FROM case_group;');
	} else {
		// the loaded cases are hs_cur's from loadFrom on
		await conn.run(
			`DELETE FROM case_concentrated WHERE group_seed IN (SELECT case_id FROM case_group WHERE received_date >= DATE '1970-01-01' + $from::INTEGER)
				OR group_seed IN (SELECT case_id FROM hs_cur WHERE received_date >= DATE '1970-01-01' + $from::INTEGER)`,
			{ from: loadFrom }
		);
		await conn.run(`DELETE FROM case_group WHERE received_date >= DATE '1970-01-01' + $from::INTEGER`, { from: fromDay });
	}
	if (ids.length)
		await conn.run(`INSERT INTO case_concentrated SELECT unnest($ids::VARCHAR[]), unnest($dates::VARCHAR[])::DATE, unnest($seeds::VARCHAR[])`, {
			ids: listValue(ids),
			dates: listValue(dates),
			seeds: listValue(seeds)
		});
	const regrouped = rows.map((_, i) => i).filter((i) => cases[i].day >= fromDay);
	if (regrouped.length)
		await conn.run(
			`INSERT INTO case_group SELECT unnest($ids::VARCHAR[]), unnest($dates::VARCHAR[])::DATE, unnest($fps::VARCHAR[])::UBIGINT, unnest($seeds::VARCHAR[])`,
			{
				ids: listValue(regrouped.map((i) => rows[i].case_id)),
				dates: listValue(regrouped.map((i) => rows[i].received_date)),
				fps: listValue(regrouped.map((i) => rows[i].fp)),
				seeds: listValue(regrouped.map((i) => seedId[i] as string))
			}
		);
	lap('written');
	await conn.run('DROP TABLE IF EXISTS hs_cur');
}
