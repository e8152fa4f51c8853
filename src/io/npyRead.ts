// NumPy .npy reader for the arrays u1x writes (src/io/npy.ts) and for the little-endian C-order arrays
// NumPy writes with the same dtypes. Whole files, or element ranges read straight from disk, so a scan's
// per-cell arrays can be walked chunk by chunk without holding them in memory.

import { closeSync, openSync, readSync } from 'node:fs';
import type { NpyDtype } from './npy.js';

export type NpyData = Float32Array | Float64Array | Uint32Array | Uint8Array | Int32Array;

export interface NpyHeader {
  dtype: NpyDtype;
  shape: number[];
  /** Byte offset of the first element. */
  dataOffset: number;
  /** Number of elements (product of the shape). */
  size: number;
}

export interface NpyArray {
  dtype: NpyDtype;
  shape: number[];
  data: NpyData;
}

const MAGIC = '\x93NUMPY';
/** NumPy spells single-byte types with '|'; both spellings mean the same bytes. */
const DTYPES: Record<string, NpyDtype> = {
  '<f4': '<f4',
  '<f8': '<f8',
  '<u4': '<u4',
  '<i4': '<i4',
  '<u1': '<u1',
  '|u1': '<u1',
  '|b1': '<u1',
};
const BYTES: Record<NpyDtype, number> = { '<f4': 4, '<f8': 8, '<u4': 4, '<u1': 1, '<i4': 4 };

/** Parse the header at the start of `head` (which must hold at least the whole header). */
export function parseNpyHeader(head: Uint8Array, file = 'npy'): NpyHeader {
  const buf = Buffer.from(head.buffer, head.byteOffset, head.byteLength);
  if (buf.length < 10 || buf.toString('latin1', 0, 6) !== MAGIC) throw new Error(`${file}: not a .npy file (bad magic)`);
  const major = buf[6];
  if (major !== 1 && major !== 2 && major !== 3) throw new Error(`${file}: unsupported .npy format version ${major}.${buf[7]}`);
  // Version 1 stores the header length in 2 bytes, versions 2 and 3 in 4.
  const lenBytes = major === 1 ? 2 : 4;
  const headerLen = major === 1 ? buf.readUInt16LE(8) : buf.readUInt32LE(8);
  const dataOffset = 8 + lenBytes + headerLen;
  if (buf.length < dataOffset) throw new Error(`${file}: truncated .npy header`);
  const dict = buf.toString(major === 3 ? 'utf8' : 'latin1', 8 + lenBytes, dataOffset);
  const descr = /'descr'\s*:\s*'([^']+)'/.exec(dict)?.[1];
  const fortran = /'fortran_order'\s*:\s*(True|False)/.exec(dict)?.[1];
  const shapeText = /'shape'\s*:\s*\(([^)]*)\)/.exec(dict)?.[1];
  if (descr === undefined || fortran === undefined || shapeText === undefined)
    throw new Error(`${file}: malformed .npy header ${JSON.stringify(dict.trim())}`);
  const dtype = DTYPES[descr];
  if (!dtype) throw new Error(`${file}: unsupported dtype '${descr}' (reads ${Object.keys(DTYPES).join(', ')})`);
  if (fortran === 'True') throw new Error(`${file}: Fortran-order arrays are not supported`);
  const shape = shapeText
    .split(',')
    .map((s) => s.trim())
    .filter((s) => s !== '')
    .map((s) => {
      const n = Number(s.replace(/L$/, ''));
      if (!Number.isInteger(n) || n < 0) throw new Error(`${file}: bad shape entry '${s}'`);
      return n;
    });
  return { dtype, shape, dataOffset, size: shape.reduce((a, b) => a * b, 1) };
}

/** A typed array over `bytes`, copied only when its offset is not aligned for the element size. */
function typed(dtype: NpyDtype, bytes: Uint8Array): NpyData {
  const own = bytes.byteOffset % 8 === 0 ? bytes : Uint8Array.from(bytes);
  const n = own.byteLength / BYTES[dtype];
  switch (dtype) {
    case '<f4':
      return new Float32Array(own.buffer, own.byteOffset, n);
    case '<f8':
      return new Float64Array(own.buffer, own.byteOffset, n);
    case '<u4':
      return new Uint32Array(own.buffer, own.byteOffset, n);
    case '<i4':
      return new Int32Array(own.buffer, own.byteOffset, n);
    case '<u1':
      return new Uint8Array(own.buffer, own.byteOffset, n);
  }
}

/** An open .npy file: its header, and element ranges read on demand. */
export class NpyFile {
  readonly header: NpyHeader;
  private fd: number | null;

  constructor(readonly path: string) {
    this.fd = openSync(path, 'r');
    try {
      // Headers are short (64-byte aligned, usually 128 bytes); grow once for unusually long ones.
      let head = Buffer.alloc(4096);
      let got = readSync(this.fd, head, 0, head.length, 0);
      if (got >= 12 && head[6] !== 1) {
        const need = 12 + head.readUInt32LE(8);
        if (need > head.length) {
          head = Buffer.alloc(need);
          got = readSync(this.fd, head, 0, need, 0);
        }
      }
      this.header = parseNpyHeader(head.subarray(0, got), path);
    } catch (e) {
      closeSync(this.fd);
      this.fd = null;
      throw e;
    }
  }

  get dtype(): NpyDtype {
    return this.header.dtype;
  }

  get shape(): readonly number[] {
    return this.header.shape;
  }

  /** Elements [start, start + count) in C order. */
  read(start: number, count: number): NpyData {
    if (this.fd === null) throw new Error(`${this.path}: read after close`);
    if (start < 0 || count < 0 || start + count > this.header.size) {
      throw new Error(`${this.path}: elements [${start}, ${start + count}) outside an array of ${this.header.size}`);
    }
    const bytes = BYTES[this.header.dtype];
    // Buffer.alloc never hands out a slice of the shared pool, so the typed view below starts aligned.
    const buf = Buffer.alloc(count * bytes);
    let done = 0;
    // readSync may return fewer bytes than asked for large reads; loop until the range is complete.
    while (done < buf.length) {
      const n = readSync(this.fd, buf, done, buf.length - done, this.header.dataOffset + start * bytes + done);
      if (n === 0) throw new Error(`${this.path}: file ends before element ${start + Math.floor(done / bytes)}`);
      done += n;
    }
    return typed(this.header.dtype, buf);
  }

  close(): void {
    if (this.fd !== null) closeSync(this.fd);
    this.fd = null;
  }
}

/** Read a whole .npy file. */
export function readNpy(path: string): NpyArray {
  const f = new NpyFile(path);
  try {
    return { dtype: f.dtype, shape: [...f.shape], data: f.read(0, f.header.size) };
  } finally {
    f.close();
  }
}
