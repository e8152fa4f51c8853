// NumPy .npz: several named .npy arrays in one zip archive (stored uncompressed, like numpy.savez).
// npzBytes builds the archive in memory (fflate's zipSync); NpzStream writes the same bytes to a file
// array piece by array piece, for archives too big to hold (scan/products/masksNpz.ts).

import { closeSync, openSync, renameSync, rmSync } from 'node:fs';
import { crc32 } from 'node:zlib';
import { zipSync } from 'fflate';
import { tempNameFor } from './atomic.js';
import { DiskFullError, isDiskFull, writeAll } from './checkedWrite.js';
import { dtypeBytes, npyBytes, npyHeader, type NpyDtype } from './npy.js';

export interface NamedArray {
  name: string;
  dtype: NpyDtype;
  shape: number[];
  data: Float32Array | Float64Array | Uint32Array | Uint8Array | Int32Array;
}

/** Every member's timestamp: a fixed one keeps archives byte-identical between runs. */
const MTIME = new Date('2000-01-01T00:00:00Z');

export function npzBytes(arrays: readonly NamedArray[]): Uint8Array {
  const files: Record<string, [Uint8Array, { level: 0; mtime: Date }]> = {};
  for (const a of arrays) {
    files[`${a.name}.npy`] = [new Uint8Array(npyBytes(a.dtype, a.shape, a.data)), { level: 0, mtime: MTIME }];
  }
  return zipSync(files);
}

type Values = NamedArray['data'];

/** A member of an NpzStream: where its header and data go, and the CRC of what was written so far. */
interface Member {
  name: Buffer;
  /** The name is not plain ASCII: zip's UTF-8 flag (fflate sets it the same way). */
  utf8: boolean;
  header: Buffer;
  /** Offset of the local file header. */
  offset: number;
  /** Bytes of the .npy file (header + data). */
  size: number;
  dataOffset: number;
  elementBytes: number;
  elements: number;
  /** Elements written so far: data goes in order, so the CRC can run along. */
  written: number;
  crc: number;
}

/** DOS date and time of MTIME in local time, as fflate writes it. */
function dosTime(d: Date): number {
  return (
    (((d.getFullYear() - 1980) << 25) |
      ((d.getMonth() + 1) << 21) |
      (d.getDate() << 16) |
      (d.getHours() << 11) |
      (d.getMinutes() << 5) |
      (d.getSeconds() >> 1)) >>>
    0
  );
}

/**
 * An .npz written to `path` (through a temporary name) member by member without holding any array: the
 * layout is fixed up front (stored members have known sizes), each member's data is written in order
 * with append(), and its CRC (zip needs it in the local header, before the data) is filled in by
 * commit(). The bytes are those of npzBytes for the same arrays (test/io/npzStream.test.ts). No zip64:
 * like fflate, at most 4 GiB.
 */
export class NpzStream {
  private readonly tmp: string;
  private fd: number | null;
  private readonly members: Member[] = [];
  private readonly end: number;

  constructor(
    readonly path: string,
    arrays: readonly Omit<NamedArray, 'data'>[],
  ) {
    let offset = 0;
    for (const a of arrays) {
      const fileName = `${a.name}.npy`;
      const name = Buffer.from(fileName, 'utf8');
      const header = npyHeader(a.dtype, a.shape);
      const elements = a.shape.reduce((x, y) => x * y, 1);
      const size = header.length + elements * dtypeBytes(a.dtype);
      const dataOffset = offset + 30 + name.length + header.length;
      this.members.push({
        name,
        utf8: name.length !== fileName.length,
        header,
        offset,
        size,
        dataOffset,
        elementBytes: dtypeBytes(a.dtype),
        elements,
        written: 0,
        crc: crc32(header),
      });
      offset += 30 + name.length + size;
    }
    this.end = offset;
    if (this.end >= 2 ** 32) throw new Error(`${path}: ${this.end} bytes exceed a zip without zip64`);
    this.tmp = tempNameFor(path);
    try {
      this.fd = openSync(this.tmp, 'w');
    } catch (e) {
      if (isDiskFull(e)) throw new DiskFullError(path);
      throw e;
    }
  }

  /** The next values of member `index` (its data in C order, piece after piece). */
  append(index: number, values: Values): void {
    const m = this.members[index];
    if (m.written + values.length > m.elements) throw new Error(`${this.path}: more values than ${m.elements} for member ${index}`);
    const bytes = new Uint8Array(values.buffer, values.byteOffset, values.byteLength);
    writeAll(this.fd!, bytes, m.dataOffset + m.written * m.elementBytes, this.tmp);
    m.crc = crc32(bytes, m.crc);
    m.written += values.length;
  }

  /** Write the headers and the central directory, then rename into place. */
  commit(): void {
    const fd = this.fd!;
    const time = dosTime(MTIME);
    const central: Buffer[] = [];
    for (const m of this.members) {
      if (m.written !== m.elements) throw new Error(`${this.path}: member ${m.name.toString()} has ${m.written} of ${m.elements} values`);
      const local = Buffer.alloc(30 + m.name.length);
      fixedFields(local, 0x04034b50, m, time, 4);
      m.name.copy(local, 30);
      writeAll(fd, Buffer.concat([local, m.header]), m.offset, this.tmp);
      const entry = Buffer.alloc(46 + m.name.length);
      entry.writeUInt32LE(0x02014b50, 0);
      entry[4] = 20; // version made by (fflate: 20, OS 0)
      fixedFields(entry, 0x02014b50, m, time, 6);
      entry.writeUInt32LE(m.offset, 42);
      m.name.copy(entry, 46);
      central.push(entry);
    }
    const cd = Buffer.concat(central);
    const eocd = Buffer.alloc(22);
    eocd.writeUInt32LE(0x06054b50, 0);
    eocd.writeUInt16LE(this.members.length, 8);
    eocd.writeUInt16LE(this.members.length, 10);
    eocd.writeUInt32LE(cd.length, 12);
    eocd.writeUInt32LE(this.end, 16);
    writeAll(fd, Buffer.concat([cd, eocd]), this.end, this.tmp);
    closeSync(fd);
    this.fd = null;
    renameSync(this.tmp, this.path);
  }

  /** Remove the temporary file (after a failure). */
  abort(): void {
    if (this.fd !== null) closeSync(this.fd);
    this.fd = null;
    rmSync(this.tmp, { force: true });
  }
}

/**
 * The fields local and central headers share, from `at` on (signature at 0): version needed 20, flags,
 * method 0 (stored), DOS time, CRC, both sizes, name length, extra length 0.
 */
function fixedFields(b: Buffer, signature: number, m: Member, time: number, at: number): void {
  b.writeUInt32LE(signature, 0);
  b.writeUInt16LE(20, at);
  b.writeUInt16LE(m.utf8 ? 0x800 : 0, at + 2);
  b.writeUInt16LE(0, at + 4);
  b.writeUInt32LE(time, at + 6);
  b.writeUInt32LE(m.crc >>> 0, at + 10);
  b.writeUInt32LE(m.size, at + 14);
  b.writeUInt32LE(m.size, at + 18);
  b.writeUInt16LE(m.name.length, at + 22);
  b.writeUInt16LE(0, at + 24);
}
