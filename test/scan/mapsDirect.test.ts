// writeProducts on a hand-made scan directory: the cases the CLI cannot produce cheaply (a scanned,
// unprofiled eps axis giving 4-D masks; an unsorted m_X list) and exact bit bookkeeping with more
// than 32 constraints (two mask words).
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { unzipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import amu from '../../src/constraints/amu.js';
import { AMU } from '../../src/constraints/datasets.js';
import type { CompiledKernel } from '../../src/kernel/compile.js';
import { npyBytes } from '../../src/io/npy.js';
import { parseNpyHeader } from '../../src/io/npyRead.js';
import type { ScanPlan } from '../../src/scan/plan.js';
import { writeProducts } from '../../src/scan/products/index.js';
import { suiteTempDir } from '../helpers/tmp.js';

const tmp = suiteTempDir('maps-direct');

interface Fake {
  ids: string[];
  mx: number[];
  gx: number[];
  eps: number[];
  profileEps: boolean;
  /** Excluded(constraint index, cell index). */
  excluded(k: number, cell: number): boolean;
}

function makeScan(name: string, f: Fake): { dir: string; plan: ScanPlan; kernel: CompiledKernel; cells: number } {
  const dir = join(tmp, name);
  mkdirSync(join(dir, 'cells'), { recursive: true });
  const nMix = f.profileEps ? 1 : f.eps.length;
  const shape = [1, f.mx.length, f.gx.length, ...(f.profileEps ? [] : [nMix])];
  const cells = f.mx.length * f.gx.length * nMix;
  const words = Math.ceil(f.ids.length / 32);
  const mask = new Uint32Array(cells * words);
  for (let c = 0; c < cells; c++)
    f.ids.forEach((_, k) => {
      if (f.excluded(k, c)) mask[c * words + (k >> 5)] |= 1 << (k & 31);
    });
  writeFileSync(
    join(dir, 'cells', 'chi2.npy'),
    npyBytes(
      '<f8',
      shape,
      Float64Array.from({ length: cells }, (_, c) => c / 4),
    ),
  );
  writeFileSync(join(dir, 'cells', 'mask.npy'), npyBytes('<u4', [...shape, words], mask));
  if (f.profileEps)
    writeFileSync(
      join(dir, 'cells', 'argmin_eps.npy'),
      npyBytes(
        '<u4',
        shape,
        Uint32Array.from({ length: cells }, (_, c) => c % f.eps.length),
      ),
    );
  const def = (id: string) => ({
    id,
    title: id === 'amu' ? '(g-2)_mu' : `Title of ${id}`,
    kind: 'chi2',
    reference: 'x',
    ...(id === 'amu' ? { role: 'preferred', band: amu.band, dataset: AMU } : {}),
  });
  const plan = {
    name,
    spec: {},
    models: [{ id: 'm:1', name: 'Lmu-Ltau' }],
    mx: { name: 'mx', values: Float64Array.from(f.mx), scale: 'list' },
    gx: { name: 'gx', values: Float64Array.from(f.gx), scale: 'list' },
    mix: { name: 'eps', values: Float64Array.from(f.eps), scale: 'list', kind: 'eps' },
    mixing: 'photon',
    profileEps: f.profileEps,
    profileGx: false,
    active: f.ids.map((id) => ({ def: def(id), inst: {}, datasetId: id === 'amu' ? 'amu-2021' : null, options: {} })),
    skipped: [],
    objective: new Set(['amu']),
  } as unknown as ScanPlan;
  const kernel = { bits: f.ids, maskWords: words } as unknown as CompiledKernel;
  return { dir, plan, kernel, cells };
}

function npz(dir: string): Map<string, { shape: number[]; data: Uint8Array }> {
  const out = new Map<string, { shape: number[]; data: Uint8Array }>();
  for (const [file, bytes] of Object.entries(unzipSync(readFileSync(join(dir, 'masks.npz'))))) {
    const h = parseNpyHeader(bytes);
    out.set(file.replace(/\.npy$/, ''), { shape: h.shape, data: bytes.slice(h.dataOffset) });
  }
  return out;
}

describe('writeProducts on a scanned (unprofiled) eps axis', () => {
  const ids = ['amu', ...Array.from({ length: 39 }, (_, i) => `c${i}`)];
  // Constraint k excludes cell c when (c + k) % 7 === 0: a pattern that tells every bit apart.
  const s = makeScan('scanned', {
    ids,
    mx: [0.01, 0.1, 1],
    gx: [1e-4, 1e-3, 1e-2],
    eps: [0, 1e-4],
    profileEps: false,
    excluded: (k, c) => (c + k) % 7 === 0,
  });

  it('writes 4-D masks, both mask words decoded, and the CSV with eps per row; no plane, so no boundaries or plots', async () => {
    const products = await writeProducts(s.dir, {
      plan: s.plan,
      kernel: s.kernel,
      floatType: '<f8',
      plots: ['exclusion'],
      csv: undefined,
      provenance: { backend: 'test', precision: 'float64' },
      version: 'u1x test',
    });
    const a = npz(s.dir);
    expect(a.get('mask_c38')!.shape).toEqual([1, 3, 3, 2]);
    ids.forEach((id, k) =>
      expect(Array.from(a.get(`mask_${id}`)!.data), id).toEqual(Array.from({ length: 18 }, (_, c) => ((c + k) % 7 === 0 ? 1 : 0))),
    );
    for (let c = 0; c < 18; c++) {
      const excludedByAny = ids.slice(1).some((_, j) => (c + j + 1) % 7 === 0);
      expect(a.get('allowed')!.data[c]).toBe(excludedByAny ? 0 : 1);
      expect(a.get('preferred')!.data[c]).toBe(c % 7 === 0 ? 0 : 1);
    }
    const rows = readFileSync(join(s.dir, 'cells.csv'), 'utf8').trim().split('\n');
    expect(rows.length).toBe(19);
    // Cell 9 = (mx 0.1, gx 1e-3, eps 1e-4) in row-major [model, mx, gx, eps]; chi2 = 9/4.
    expect(rows[10].split(',').slice(0, 5)).toEqual(['m:1', '0.1', '0.001', '0.0001', '2.25']);
    expect(products.boundaries.skipped).toMatch(/eps is a scanned \(not profiled\) axis with 2 values/);
    expect(products.plots.skipped).toMatch(/no single \(m_X, g_X\) map/);
  });
});

describe('writeProducts on an unsorted m_X list', () => {
  const mx = [1, 0.01, 0.1];
  const gx = [1e-4, 1e-3, 1e-2, 1e-1];
  // 'wall' excludes g_X >= 1e-2 at m_X = 1 GeV only; amu's band is g_X = 1e-3 everywhere.
  const s = makeScan('unsorted', {
    ids: ['amu', 'wall'],
    mx,
    gx,
    eps: [0, 1e-3],
    profileEps: true,
    excluded: (k, c) => (k === 0 ? c % 4 !== 1 : Math.floor(c / 4) === 0 && c % 4 >= 2),
  });

  it('sorts the map axes for boundaries and figures', async () => {
    const products = await writeProducts(s.dir, {
      plan: s.plan,
      kernel: s.kernel,
      floatType: '<f8',
      plots: ['exclusion'],
      csv: false,
      provenance: { backend: 'test', precision: 'float64' },
      version: 'u1x test',
    });
    const lmt = readFileSync(join(s.dir, 'boundaries', 'Lmu-Ltau', 'wall.lmt'), 'utf8')
      .split('\n')
      .filter((l) => l && !l.startsWith('#'));
    expect(lmt.map((l) => l.trim().split(/\s+/).map(Number))).toEqual([
      [0.01, 1e5],
      [0.1, 1e5],
      [1, Number(Math.sqrt(1e-3 * 1e-2).toExponential(6))],
    ]);
    const band = readFileSync(join(s.dir, 'boundaries', 'Lmu-Ltau', 'amu_preferred.csv'), 'utf8')
      .trim()
      .split('\n');
    const [m0, k0, lo, hi] = band[1].split(',').map(Number);
    expect([m0, k0]).toEqual([0.01, 0]);
    expect(lo).toBeCloseTo(Math.sqrt(1e-4 * 1e-3), 15);
    expect(hi).toBeCloseTo(Math.sqrt(1e-3 * 1e-2), 15);
    const svg = readFileSync(join(s.dir, 'plots', 'Lmu-Ltau.svg'), 'utf8');
    expect(svg).toContain('Title of wall [wall]');
    expect(svg).toContain('profiled over ε in [0, 10⁻³]');
    // No Delta a_mu stored: band without a central line, and the product record says why.
    expect(svg).not.toContain('preferred-central');
    expect(products.plots.central_line).toMatch(/not stored/);
    expect(products.cells_csv.skipped).toMatch(/outputs\.csv: false/);
    expect(products.model_slugs).toEqual({ 'm:1': 'Lmu-Ltau' });
  });
});
