// A zip archive read from its central directory (an XLSX workbook is one): the list of its entries without
// reading their contents, a small entry whole, a large one streamed through inflate, so a workbook's parts are
// read in the order the reader needs them (the shared strings before the sheet), whatever order Excel stored
// them in, and a preview reads only the first rows of a sheet. Zip64 sizes and offsets are understood.
import fs from 'node:fs';
import { PassThrough } from 'node:stream';
import zlib from 'node:zlib';

export interface ZipEntry {
	name: string;
	/** 0 stored, 8 deflated */
	method: number;
	compressedSize: number;
	size: number;
	/** Offset of the entry's local header. */
	localOffset: number;
}

const EOCD = 0x06054b50;
const EOCD64_LOCATOR = 0x07064b50;
const EOCD64 = 0x06064b50;
const CENTRAL = 0x02014b50;
const LOCAL = 0x04034b50;

function readAt(fd: number, position: number, length: number): Buffer {
	const buf = Buffer.alloc(length);
	let done = 0;
	while (done < length) {
		const n = fs.readSync(fd, buf, done, length - done, position + done);
		if (n === 0) break;
		done += n;
	}
	return done === length ? buf : buf.subarray(0, done);
}

/** A zip file's entries by name, from its central directory. Throws on a file that is not a zip. */
export class ZipFile {
	readonly entries = new Map<string, ZipEntry>();

	constructor(readonly path: string) {
		const fd = fs.openSync(path, 'r');
		try {
			const size = fs.fstatSync(fd).size;
			// The end record is in the last 22 bytes plus a comment of at most 65,535.
			const tailLength = Math.min(size, 22 + 65_535 + 20);
			const tail = readAt(fd, size - tailLength, tailLength);
			let at = -1;
			for (let k = tail.length - 22; k >= 0; k--) {
				if (tail.readUInt32LE(k) === EOCD) {
					at = k;
					break;
				}
			}
			if (at < 0) throw new Error('not a zip file (no end of central directory)');
			let count = tail.readUInt16LE(at + 10);
			let cdSize = tail.readUInt32LE(at + 12);
			let cdOffset = tail.readUInt32LE(at + 16);
			if ((count === 0xffff || cdSize === 0xffffffff || cdOffset === 0xffffffff) && at >= 20 && tail.readUInt32LE(at - 20) === EOCD64_LOCATOR) {
				const eocd64At = Number(tail.readBigUInt64LE(at - 20 + 8));
				const rec = readAt(fd, eocd64At, 56);
				if (rec.readUInt32LE(0) !== EOCD64) throw new Error('damaged zip64 end record');
				count = Number(rec.readBigUInt64LE(32));
				cdSize = Number(rec.readBigUInt64LE(40));
				cdOffset = Number(rec.readBigUInt64LE(48));
			}
			const cd = readAt(fd, cdOffset, cdSize);
			let p = 0;
			for (let k = 0; k < count && p + 46 <= cd.length; k++) {
				if (cd.readUInt32LE(p) !== CENTRAL) throw new Error('damaged zip central directory');
				const method = cd.readUInt16LE(p + 10);
				let compressedSize = cd.readUInt32LE(p + 20);
				let uncompressed = cd.readUInt32LE(p + 24);
				const nameLength = cd.readUInt16LE(p + 28);
				const extraLength = cd.readUInt16LE(p + 30);
				const commentLength = cd.readUInt16LE(p + 32);
				let localOffset = cd.readUInt32LE(p + 42);
				const name = cd.toString('utf8', p + 46, p + 46 + nameLength);
				// zip64 extended information: the fields that overflowed, in this order
				let e = p + 46 + nameLength;
				const extraEnd = e + extraLength;
				while (e + 4 <= extraEnd) {
					const id = cd.readUInt16LE(e);
					const len = cd.readUInt16LE(e + 2);
					if (id === 0x0001) {
						let q = e + 4;
						if (uncompressed === 0xffffffff) (uncompressed = Number(cd.readBigUInt64LE(q))), (q += 8);
						if (compressedSize === 0xffffffff) (compressedSize = Number(cd.readBigUInt64LE(q))), (q += 8);
						if (localOffset === 0xffffffff) localOffset = Number(cd.readBigUInt64LE(q));
					}
					e += 4 + len;
				}
				this.entries.set(name.replace(/^\/+/, ''), { name, method, compressedSize, size: uncompressed, localOffset });
				p = extraEnd + commentLength;
			}
		} finally {
			fs.closeSync(fd);
		}
	}

	/** The entry of this name, matched without regard to case (some writers vary it), or undefined. */
	find(name: string): ZipEntry | undefined {
		const exact = this.entries.get(name);
		if (exact) return exact;
		const lower = name.toLowerCase();
		for (const [n, e] of this.entries) if (n.toLowerCase() === lower) return e;
		return undefined;
	}

	/** Where the entry's compressed bytes start. */
	private dataStart(entry: ZipEntry): number {
		const fd = fs.openSync(this.path, 'r');
		try {
			const head = readAt(fd, entry.localOffset, 30);
			if (head.length < 30 || head.readUInt32LE(0) !== LOCAL) throw new Error(`damaged zip entry ${entry.name}`);
			return entry.localOffset + 30 + head.readUInt16LE(26) + head.readUInt16LE(28);
		} finally {
			fs.closeSync(fd);
		}
	}

	/** A small entry, whole. */
	read(entry: ZipEntry): Buffer {
		const start = this.dataStart(entry);
		const fd = fs.openSync(this.path, 'r');
		try {
			const raw = readAt(fd, start, entry.compressedSize);
			if (entry.method === 0) return raw;
			if (entry.method === 8) return zlib.inflateRawSync(raw);
			throw new Error(`unsupported zip compression method ${entry.method} (${entry.name})`);
		} finally {
			fs.closeSync(fd);
		}
	}

	/**
	 * A large entry as a stream of uncompressed chunks; `onCompressed` is told how many compressed bytes have been
	 * read so far (for progress); `chunk` is the size read and inflated at a time (small for a quick look at the
	 * start). Destroy the stream to stop early.
	 */
	stream(entry: ZipEntry, onCompressed?: (bytes: number) => void, chunk = 1 << 20): NodeJS.ReadableStream & { destroy(): void } {
		const start = this.dataStart(entry);
		const raw = fs.createReadStream(this.path, {
			start,
			end: entry.compressedSize > 0 ? start + entry.compressedSize - 1 : start,
			highWaterMark: chunk
		});
		if (onCompressed) {
			let read = 0;
			raw.on('data', (b: Buffer | string) => onCompressed((read += b.length)));
		}
		if (entry.compressedSize === 0) {
			raw.destroy();
			const empty = new PassThrough();
			empty.end();
			return empty;
		}
		if (entry.method === 0) return raw;
		if (entry.method !== 8) throw new Error(`unsupported zip compression method ${entry.method} (${entry.name})`);
		const inflate = zlib.createInflateRaw({ chunkSize: chunk });
		raw.on('error', (e) => inflate.destroy(e));
		inflate.on('close', () => raw.destroy());
		return raw.pipe(inflate);
	}
}
