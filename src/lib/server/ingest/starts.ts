// The physical line every data record of an export read as it is starts on (decode.ts scan, lines.ts), kept in
// one byte per record: the number of lines between a record's start and the previous one's, less one (the
// previous record's embedded line breaks and blank lines, nearly always 0–2). A gap of 255 or more is kept aside.
// Four-byte lines in a doubling array held 107 MB at 10,000,000 records and grew with the file; this holds 10 MB.

const BLOCK_BITS = 20;
const BLOCK = 1 << BLOCK_BITS;
const MASK = BLOCK - 1;
const FAR = 255;

export class RecordStarts {
	private readonly blocks: Uint8Array[] = [];
	private readonly far = new Map<number, number>();
	private last = 0;
	/** Records so far. */
	length = 0;

	/** The next record's start line (greater than the previous one's). */
	push(line: number): void {
		const gap = line - this.last - 1;
		if (gap < 0) throw new Error(`record start lines must increase: ${line} after ${this.last}`);
		const k = this.length++;
		const b = k >>> BLOCK_BITS;
		if (b === this.blocks.length) this.blocks.push(new Uint8Array(BLOCK));
		if (gap < FAR) this.blocks[b][k & MASK] = gap;
		else {
			this.blocks[b][k & MASK] = FAR;
			this.far.set(k, gap);
		}
		this.last = line;
	}

	/** Calls fn with every record's start line and index, in order; stops early when fn returns false. */
	forEach(fn: (line: number, index: number) => boolean | void): void {
		let line = 0;
		for (let k = 0; k < this.length; k++) {
			const byte = this.blocks[k >>> BLOCK_BITS][k & MASK];
			line += (byte === FAR ? this.far.get(k)! : byte) + 1;
			if (fn(line, k) === false) return;
		}
	}

	toArray(): number[] {
		const out: number[] = [];
		this.forEach((line) => {
			out.push(line);
		});
		return out;
	}
}
