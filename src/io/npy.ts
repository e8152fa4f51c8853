// NumPy .npy (format 1.0) writers: whole arrays, and a streaming writer that fills a preallocated
// file chunk by chunk at byte offsets (so scan outputs never have to fit in memory).

import { closeSync, fsyncSync, openSync } from 'node:fs';
import { DiskFullError, isDiskFull, writeAll } from './checkedWrite.js';

export type NpyDtype = '<f4' | '<f8' | '<u4' | '<u1' | '<i4';

const BYTES: Record<NpyDtype, number> = { '<f4': 4, '<f8': 8, '<u4': 4, '<u1': 1, '<i4': 4 };

export function dtypeBytes(d: NpyDtype): number {
  return BYTES[d];
}

/** The .npy header (magic, version 1.0, padded dict) for a C-order array. */
export function npyHeader(dtype: NpyDtype, shape: readonly number[]): Buffer {
  const shapeText = shape.length === 1 ? `(${shape[0]},)` : `(${shape.join(', ')})`;
  let dict = `{'descr': '${dtype}', 'fortran_order': False, 'shape': ${shapeText}, }`;
  // Total header length (10-byte preamble + dict + '\n') must be a multiple of 64.
  const pad = 64 - ((10 + dict.length + 1) % 64);
  dict += ' '.repeat(pad % 64) + '\n';
  const head = Buffer.alloc(10);
  head.write('\x93NUMPY', 0, 'latin1');
  head[6] = 1;
  head[7] = 0;
  head.writeUInt16LE(dict.length, 8);
  return Buffer.concat([head, Buffer.from(dict, 'latin1')]);
}

type TypedArray = Float32Array | Float64Array | Uint32Array | Uint8Array | Int32Array;

export function npyBytes(dtype: NpyDtype, shape: readonly number[], data: TypedArray): Buffer {
  const n = shape.reduce((a, b) => a * b, 1);
  if (data.length !== n) throw new Error(`npy: ${data.length} values for shape (${shape.join(', ')})`);
  return Buffer.concat([npyHeader(dtype, shape), Buffer.from(data.buffer, data.byteOffset, data.byteLength)]);
}

/** A preallocated .npy file written in pieces: write(elementOffset, values). */
export class NpyStream {
  private fd: number;
  readonly headerBytes: number;
  readonly elementBytes: number;
  /** Bytes of the whole file (header + data). */
  readonly totalBytes: number;
  constructor(
    readonly path: string,
    readonly dtype: NpyDtype,
    readonly shape: readonly number[],
    mode: 'create' | 'reopen',
  ) {
    this.elementBytes = BYTES[dtype];
    const header = npyHeader(dtype, shape);
    this.headerBytes = header.length;
    const total = shape.reduce((a, b) => a * b, 1) * this.elementBytes;
    this.totalBytes = this.headerBytes + total;
    try {
      this.fd = openSync(path, mode === 'create' ? 'w+' : 'r+');
    } catch (e) {
      if (isDiskFull(e)) throw new DiskFullError(path);
      throw e;
    }
    if (mode === 'create') {
      writeAll(this.fd, header, 0, path);
      // Extend to full size so unwritten cells read back as zeros.
      if (total > 0) writeAll(this.fd, Buffer.alloc(1), this.headerBytes + total - 1, path);
    }
  }
  write(elementOffset: number, values: TypedArray): void {
    const buf = Buffer.from(values.buffer, values.byteOffset, values.byteLength);
    writeAll(this.fd, buf, this.headerBytes + elementOffset * this.elementBytes, this.path);
  }
  sync(): void {
    fsyncSync(this.fd);
  }
  close(): void {
    closeSync(this.fd);
  }
}
