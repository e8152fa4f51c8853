// Checked writes: short writes are completed, a write that makes no progress and a full disk are
// errors, and a failed atomic write leaves no temporary file. The fs layer is injected (ioLayer).
import { existsSync, readdirSync, readFileSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { writeFileAtomic } from '../../src/io/atomic.js';
import { DiskFullError, ioLayer } from '../../src/io/checkedWrite.js';
import { NpyStream } from '../../src/io/npy.js';
import { testTempDir } from '../helpers/tmp.js';

const real = ioLayer.writeSync;
afterEach(() => {
  ioLayer.writeSync = real;
});

/** A file system that writes at most `max` bytes per call. */
function shortWrites(max: number): void {
  ioLayer.writeSync = (fd, buf, offset, length, position) => writeSync(fd, buf, offset, Math.min(length, max), position);
}

describe('checked writes', () => {
  it('NpyStream completes short writes: every value lands', () => {
    shortWrites(3);
    const path = join(testTempDir('short'), 'a.npy');
    const values = Float64Array.from({ length: 1000 }, (_, i) => Math.sin(i) * 1e3 + i);
    const s = new NpyStream(path, '<f8', [1000], 'create');
    s.write(0, values.subarray(0, 400));
    s.write(400, values.subarray(400));
    s.close();
    const buf = readFileSync(path);
    const headerLen = 10 + buf.readUInt16LE(8);
    expect(buf.length).toBe(headerLen + 8000);
    expect(buf.subarray(0, 6).toString('latin1')).toBe('\x93NUMPY');
    const back = new Float64Array(buf.buffer.slice(buf.byteOffset + headerLen, buf.byteOffset + buf.length));
    expect(Array.from(back)).toEqual(Array.from(values));
  });

  it('writeFileAtomic completes short writes', () => {
    shortWrites(5);
    const path = join(testTempDir('short'), 'b.txt');
    const text = 'the quick brown fox\n'.repeat(500);
    writeFileAtomic(path, text);
    expect(readFileSync(path, 'utf8')).toBe(text);
  });

  it('a write that makes no progress is an error, not a hang or a silent gap', () => {
    ioLayer.writeSync = () => 0;
    const path = join(testTempDir('short'), 'c.npy');
    expect(() => new NpyStream(path, '<f4', [10], 'create')).toThrow(/wrote 0 of/);
  });

  it('ENOSPC becomes DiskFullError naming the file, and the temporary file is removed', () => {
    const dir = testTempDir('enospc');
    ioLayer.writeSync = () => {
      throw Object.assign(new Error('ENOSPC: no space left on device, write'), { code: 'ENOSPC' });
    };
    const path = join(dir, 'd.json');
    expect(() => writeFileAtomic(path, '{"a": 1}')).toThrow(DiskFullError);
    expect(() => writeFileAtomic(path, '{"a": 1}')).toThrow(/disk full writing .*d\.json\.tmp-\d+/);
    expect(existsSync(path)).toBe(false);
    expect(readdirSync(dir)).toEqual([]);
  });
});
