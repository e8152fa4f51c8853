// NpzStream (streamed .npz) against npzBytes (fflate's zipSync of whole arrays): the same bytes, whatever
// the pieces the data arrive in.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { unzipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { npzBytes, NpzStream, type NamedArray } from '../../src/io/npz.js';
import { testTempDir } from '../helpers/tmp.js';

function arrays(): NamedArray[] {
  let seed = 12345;
  const rnd = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
  return [
    { name: 'mask_a', dtype: '<u1', shape: [2, 3, 5], data: Uint8Array.from({ length: 30 }, () => (rnd() < 0.4 ? 1 : 0)) },
    { name: 'empty', dtype: '<u1', shape: [0], data: new Uint8Array(0) },
    { name: 'x', dtype: '<f8', shape: [7], data: Float64Array.from({ length: 7 }, () => rnd() * 1e-3) },
    { name: 'w', dtype: '<u4', shape: [4, 2], data: Uint32Array.from({ length: 8 }, () => Math.floor(rnd() * 2 ** 32)) },
    { name: 'ε', dtype: '<f4', shape: [3], data: Float32Array.from([0, -1.5, 2e-7]) },
  ];
}

describe('NpzStream', () => {
  it('writes the bytes of npzBytes, members filled piece by piece in any interleaving', () => {
    const dir = testTempDir('npz-stream');
    const a = arrays();
    for (const piece of [1, 2, 3, 1000]) {
      const path = join(dir, `p${piece}.npz`);
      const s = new NpzStream(
        path,
        a.map(({ name, dtype, shape }) => ({ name, dtype, shape })),
      );
      // Round-robin over the members, `piece` values at a time.
      const at = a.map(() => 0);
      while (at.some((p, k) => p < a[k].data.length)) {
        a.forEach((arr, k) => {
          if (at[k] >= arr.data.length) return;
          const n = Math.min(piece, arr.data.length - at[k]);
          s.append(k, arr.data.subarray(at[k], at[k] + n));
          at[k] += n;
        });
      }
      s.commit();
      const streamed = readFileSync(path);
      expect(Buffer.from(npzBytes(a)).equals(streamed), `pieces of ${piece}`).toBe(true);
      expect(Object.keys(unzipSync(streamed))).toEqual(a.map((x) => `${x.name}.npy`));
    }
  });

  it('refuses to commit a member with values missing, and leaves no file', () => {
    const dir = testTempDir('npz-stream');
    const path = join(dir, 'short.npz');
    const s = new NpzStream(path, [{ name: 'a', dtype: '<u1', shape: [3] }]);
    s.append(0, Uint8Array.from([1, 0]));
    expect(() => s.commit()).toThrow(/2 of 3 values/);
    s.abort();
    expect(() => readFileSync(path)).toThrow();
  });
});
