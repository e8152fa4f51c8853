// NumPy .npz: several named .npy arrays in one zip archive (stored uncompressed, like numpy.savez).

import { zipSync } from 'fflate';
import { npyBytes, type NpyDtype } from './npy.js';

export interface NamedArray {
  name: string;
  dtype: NpyDtype;
  shape: number[];
  data: Float32Array | Float64Array | Uint32Array | Uint8Array | Int32Array;
}

export function npzBytes(arrays: readonly NamedArray[]): Uint8Array {
  const files: Record<string, [Uint8Array, { level: 0; mtime: Date }]> = {};
  for (const a of arrays) {
    // A fixed timestamp keeps archives byte-identical between runs.
    files[`${a.name}.npy`] = [new Uint8Array(npyBytes(a.dtype, a.shape, a.data)), { level: 0, mtime: new Date('2000-01-01T00:00:00Z') }];
  }
  return zipSync(files);
}
