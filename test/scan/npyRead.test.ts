// The .npy reader against the project's writer, plus the small pure helpers of the map writer.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { npyBytes, npyHeader } from '../../src/io/npy.js';
import { NpyFile, parseNpyHeader, readNpy } from '../../src/io/npyRead.js';
import { centralPolyline, lmtNumber, modelSlugs, prettyNumber } from '../../src/scan/products/index.js';
import { observablesToStore } from '../../src/scan/kinds/grid.js';
import type { ScanSpec } from '../../src/scan/spec.js';
import type { ActiveConstraint } from '../../src/constraints/activate.js';
import { constraintById } from '../../src/constraints/registry.js';
import { suiteTempDir } from '../helpers/tmp.js';

const tmp = suiteTempDir('npyread');

describe('readNpy', () => {
  it('reads back every dtype the writer produces, with its shape', () => {
    const cases = [
      { dtype: '<f4' as const, shape: [2, 3], data: Float32Array.from([0.1, -2, 3.5, Infinity, NaN, 1e-30]) },
      { dtype: '<f8' as const, shape: [5], data: Float64Array.from([0.1, -2, 3.5e300, -0, 1e-300]) },
      { dtype: '<u4' as const, shape: [2, 1, 2], data: Uint32Array.from([0, 1, 2 ** 31, 2 ** 32 - 1]) },
      { dtype: '<u1' as const, shape: [3], data: Uint8Array.from([0, 1, 255]) },
      { dtype: '<i4' as const, shape: [2], data: Int32Array.from([-5, 7]) },
    ];
    for (const c of cases) {
      const path = join(tmp, `a${c.dtype.slice(1)}.npy`);
      writeFileSync(path, npyBytes(c.dtype, c.shape, c.data));
      const r = readNpy(path);
      expect(r.dtype).toBe(c.dtype);
      expect(r.shape).toEqual(c.shape);
      expect(Array.from(r.data)).toEqual(Array.from(c.data));
      expect(r.data.constructor).toBe(c.data.constructor);
    }
  });

  it('reads element ranges without loading the file', () => {
    const path = join(tmp, 'range.npy');
    const data = Float64Array.from({ length: 1000 }, (_, i) => i * 0.5);
    writeFileSync(path, npyBytes('<f8', [10, 100], data));
    const f = new NpyFile(path);
    try {
      expect(f.shape).toEqual([10, 100]);
      expect(Array.from(f.read(123, 4))).toEqual([61.5, 62, 62.5, 63]);
      expect(f.read(0, 0).length).toBe(0);
      expect(() => f.read(999, 2)).toThrow(/outside an array of 1000/);
    } finally {
      f.close();
    }
  });

  it('parses NumPy spellings: version 2 headers, |u1 and scalar shapes; rejects what it cannot read', () => {
    const v1 = npyHeader('<u1', [4]);
    const dict = v1.subarray(10).toString('latin1').replace("'<u1'", "'|u1'");
    const v2 = Buffer.concat([Buffer.from('\x93NUMPY\x02\x00', 'latin1'), Buffer.alloc(4), Buffer.from(dict, 'latin1')]);
    v2.writeUInt32LE(dict.length, 8);
    const h = parseNpyHeader(v2);
    expect(h).toMatchObject({ dtype: '<u1', shape: [4], size: 4, dataOffset: 12 + dict.length });
    const scalar = Buffer.from(npyHeader('<f8', [1]).toString('latin1').replace('(1,)', '()  '), 'latin1');
    expect(parseNpyHeader(scalar).size).toBe(1);
    const bad = (from: string, to: string) => Buffer.from(npyHeader('<f8', [2]).toString('latin1').replace(from, to), 'latin1');
    expect(() => parseNpyHeader(bad("'<f8'", "'>f8'"))).toThrow(/unsupported dtype '>f8'/);
    expect(() => parseNpyHeader(bad('False', 'True '))).toThrow(/Fortran/);
    expect(() => parseNpyHeader(Buffer.from('PK\x03\x04 not npy'))).toThrow(/bad magic/);
  });
});

describe('map writer helpers', () => {
  it('formats .lmt numbers like C %13.6e (DarkCast style)', () => {
    expect(lmtNumber(0.005)).toBe('  5.000000e-03');
    expect(lmtNumber(1e5)).toBe('  1.000000e+05');
    expect(lmtNumber(123.456)).toBe('  1.234560e+02');
  });

  it('writes compact numbers for captions', () => {
    expect(prettyNumber(0)).toBe('0');
    expect(prettyNumber(0.5)).toBe('0.5');
    expect(prettyNumber(-0.5)).toBe('−0.5');
    expect(prettyNumber(1e-5)).toBe('10⁻⁵');
    expect(prettyNumber(3e-4)).toBe('3×10⁻⁴');
    expect(prettyNumber(9.999e-4)).toBe('10⁻³');
  });

  it('makes file-safe model slugs that stay unique on case-insensitive file systems', () => {
    const slugs = modelSlugs([
      { id: 'a', name: 'Lmu-Ltau' },
      { id: 'b', name: '3B-6Le-3Ltau+3(Lmu-Ltau)' },
      { id: 'c', name: 'lmu-ltau' },
      { id: 'd', name: '../x y' },
      { id: 'e', name: '' },
    ]);
    expect(slugs).toEqual(['Lmu-Ltau', '3B-6Le-3Ltau+3_Lmu-Ltau', 'lmu-ltau_2', 'x_y', 'model']);
    const long = modelSlugs([{ id: 'c:1', name: 'x'.repeat(200) }])[0];
    expect(long.length).toBeLessThan(100);
  });

  it('interpolates the central line exactly for Delta a_mu ∝ g^2, and declines ambiguous columns', () => {
    const mx = Float64Array.of(0.01, 0.1, 1);
    const gx = Float64Array.from({ length: 9 }, (_, i) => 1e-5 * 10 ** (i / 2));
    const coeff = [1e9, 5e8, 1e8];
    const delta = Float64Array.from({ length: 27 }, (_, k) => coeff[Math.floor(k / 9)] * gx[k % 9] ** 2);
    const line = centralPolyline(delta, mx, gx, 251)!;
    expect(line.x).toEqual([0.01, 0.1, 1]);
    line.y.forEach((g, i) => expect(g).toBeCloseTo(Math.sqrt(251 / coeff[i]), 12));
    // A column crossing twice (sign change of Delta a_mu): no polyline.
    const twice = Float64Array.from(delta);
    twice[8] = 0;
    expect(centralPolyline(twice, mx, gx, 251)).toBeNull();
  });
});

describe('u1x scan observables', () => {
  const active = (ids: string[]) => ({ active: ids.map((id) => ({ def: constraintById(id)! }) as unknown as ActiveConstraint) });
  const spec = (outputs: ScanSpec['outputs']) => ({ models: 'Lmu-Ltau', mx: 0.1, gx: 1e-3, outputs }) as ScanSpec;

  it('adds amu.delta_amu for exclusion maps when amu is active, without duplicates', () => {
    expect(observablesToStore(spec({ plots: ['exclusion'] }), active(['amu', 'ccfr']))).toEqual(['amu.delta_amu']);
    expect(observablesToStore(spec({ plots: ['exclusion'], observables: ['amu.delta_amu', 'ccfr.r'] }), active(['amu']))).toEqual([
      'amu.delta_amu',
      'ccfr.r',
    ]);
    expect(observablesToStore(spec({ plots: ['exclusion'], observables: ['ccfr.r'] }), active(['amu']))).toEqual([
      'ccfr.r',
      'amu.delta_amu',
    ]);
  });

  it('leaves the observables alone without maps or without amu', () => {
    expect(observablesToStore(spec(undefined), active(['amu']))).toBeUndefined();
    expect(observablesToStore(spec({ observables: ['ccfr.r'] }), active(['amu']))).toEqual(['ccfr.r']);
    expect(observablesToStore(spec({ plots: ['exclusion'] }), active(['ccfr']))).toBeUndefined();
  });
});
