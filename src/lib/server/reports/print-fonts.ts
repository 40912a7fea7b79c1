// The Chinese fonts a printed bulletin uses, cut down to the characters of that document (HarfBuzz's subsetter).
// Why: Chromium's PDF backend writes the CFF outlines of the Noto CJK collections (19–27 MB files) as Type 3 fonts
// and parses the whole face again on every print: about 0.6 s of CPU per face used, four faces per bulletin, twice
// when the tighter print is tried — most of a PDF's time. The same faces given to the page as @font-face under their
// own family names, holding only the document's characters, print the same glyphs (pixel-identical pages) in a
// fraction of that. A face that cannot be found or cut is left out, and Chromium uses the installed font as before.
import { execFile } from 'node:child_process';
import fs from 'node:fs';
import { createRequire } from 'node:module';
import { promisify } from 'node:util';

/** The faces the bulletin's font stacks fall back to on a machine without the 公文 fonts (html.ts, charts.ts). */
export const PRINT_FACES = [
	{ family: 'Noto Serif CJK SC', weight: 400 },
	{ family: 'Noto Serif CJK SC', weight: 700 },
	{ family: 'Noto Sans CJK SC', weight: 400 },
	{ family: 'Noto Sans CJK SC', weight: 700 }
] as const;
type FaceSpec = (typeof PRINT_FACES)[number];

/** The C functions of harfbuzz-subset.wasm this module calls (pointers are offsets into its memory). */
interface HbSubset {
	memory: WebAssembly.Memory;
	malloc(size: number): number;
	free(ptr: number): void;
	hb_blob_create(data: number, length: number, mode: number, userData: number, destroy: number): number;
	hb_blob_destroy(blob: number): void;
	hb_blob_get_data(blob: number, length: number): number;
	hb_blob_get_length(blob: number): number;
	hb_face_create(blob: number, index: number): number;
	hb_face_destroy(face: number): void;
	hb_face_reference_blob(face: number): number;
	hb_set_add(set: number, codepoint: number): void;
	hb_subset_input_create_or_fail(): number;
	hb_subset_input_destroy(input: number): void;
	hb_subset_input_unicode_set(input: number): number;
	hb_subset_or_fail(face: number, input: number): number;
}

const HB_MEMORY_MODE_WRITABLE = 2;

interface LoadedFace {
	spec: FaceSpec;
	/** Its own HarfBuzz instance: one instance's memory (about 64 MB at most) holds one of these fonts, not two. */
	hb: HbSubset;
	/** hb_face_t* over the font file, copied into that instance's memory once. */
	face: number;
}

/** fontconfig's file and collection index of the installed face that is exactly this family and weight, else null. */
async function locate(spec: FaceSpec): Promise<{ file: string; index: number } | null> {
	const style = spec.weight >= 700 ? 'Bold' : 'Regular';
	try {
		const { stdout } = await promisify(execFile)('fc-match', ['-f', '%{file}\\n%{index}\\n%{family}\\n%{style}', `${spec.family}:style=${style}`]);
		const [file, index, families, styles] = stdout.split('\n');
		if (!families?.split(',').includes(spec.family) || !styles?.split(',').includes(style)) return null;
		return fs.existsSync(file) ? { file, index: Number(index) || 0 } : null;
	} catch {
		return null;
	}
}

async function loadFace(wasm: WebAssembly.Module, spec: FaceSpec): Promise<LoadedFace | null> {
	const where = await locate(spec);
	if (!where) return null;
	const hb = (await WebAssembly.instantiate(wasm)).exports as unknown as HbSubset;
	const bytes = await fs.promises.readFile(where.file);
	const ptr = hb.malloc(bytes.byteLength);
	if (!ptr) return null;
	new Uint8Array(hb.memory.buffer).set(bytes, ptr);
	const blob = hb.hb_blob_create(ptr, bytes.byteLength, HB_MEMORY_MODE_WRITABLE, 0, 0);
	const face = hb.hb_face_create(blob, where.index);
	hb.hb_blob_destroy(blob);
	return { spec, hb, face };
}

async function loadFaces(): Promise<LoadedFace[]> {
	try {
		const wasmPath = createRequire(import.meta.url).resolve('harfbuzzjs/dist/harfbuzz-subset.wasm');
		const wasm = await WebAssembly.compile(await fs.promises.readFile(wasmPath));
		const faces: LoadedFace[] = [];
		for (const spec of PRINT_FACES) {
			const face = await loadFace(wasm, spec).catch(() => null);
			if (face) faces.push(face);
		}
		return faces;
	} catch {
		return [];
	}
}

let loaded: Promise<LoadedFace[]> | null = null;

/** Lets the fonts' memory go (closeBrowser calls this); the next print reads them again. */
export function releasePrintFonts(): void {
	loaded = null;
}

/** The subset of one face holding the given code points, as an OpenType file; null when HarfBuzz refuses. */
function subsetFace(hb: HbSubset, face: number, codepoints: Iterable<number>): Uint8Array | null {
	const input = hb.hb_subset_input_create_or_fail();
	if (!input) return null;
	const set = hb.hb_subset_input_unicode_set(input);
	for (const cp of codepoints) hb.hb_set_add(set, cp);
	const subset = hb.hb_subset_or_fail(face, input);
	hb.hb_subset_input_destroy(input);
	if (!subset) return null;
	const blob = hb.hb_face_reference_blob(subset);
	const at = hb.hb_blob_get_data(blob, 0);
	const length = hb.hb_blob_get_length(blob);
	const bytes = length > 0 ? new Uint8Array(hb.memory.buffer).slice(at, at + length) : null;
	hb.hb_blob_destroy(blob);
	hb.hb_face_destroy(subset);
	return bytes;
}

/** Every character of the text, and printable ASCII (markup may write a character as an entity). */
export function documentCodepoints(text: string): Set<number> {
	const cps = new Set<number>();
	for (let c = 0x20; c <= 0x7e; c++) cps.add(c);
	for (const ch of text) cps.add(ch.codePointAt(0)!);
	return cps;
}

/**
 * @font-face rules naming each installed print face, cut down to the characters of `text`; '' when no face could
 * be prepared (Chromium then prints with the installed fonts, only slower). The first call reads the font files.
 */
export async function printFontCss(text: string, only?: (face: FaceSpec) => boolean): Promise<string> {
	loaded ??= loadFaces();
	const faces = await loaded;
	const cps = documentCodepoints(text);
	const rules: string[] = [];
	for (const { spec, hb, face } of faces) {
		if (only && !only(spec)) continue;
		const bytes = subsetFace(hb, face, cps);
		if (!bytes) continue;
		rules.push(
			`@font-face{font-family:'${spec.family}';font-style:normal;font-weight:${spec.weight};src:url(data:font/otf;base64,${Buffer.from(bytes).toString('base64')}) format('opentype');}`
		);
	}
	return rules.join('\n');
}
