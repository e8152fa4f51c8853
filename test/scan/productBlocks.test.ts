// The products read cells/*.npy in blocks (ProductOptions.blockCells): the block size must not change any
// output byte. Real scans (several models, an uneven grid, profiled k with projections and a forced CSV;
// the (g-2)_mu band as an upper limit; a hand-made unsorted m_X list) get their products written again with
// tiny blocks (7 cells, and one m_X row) and with one block per model, and every file is compared byte for
// byte with what `u1x scan` wrote at the default block size (scripts/compareOutputs.mjs).
import { cpSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { npyBytes } from '../../src/io/npy.js';
import { NpyFile } from '../../src/io/npyRead.js';
import type { CompiledKernel } from '../../src/kernel/compile.js';
import { modelsOfSpec } from '../../src/scan/models.js';
import { planScan, type ScanPlan } from '../../src/scan/plan.js';
import { writeProducts, type ProductOptions } from '../../src/scan/products/index.js';
import { parseScanSpec } from '../../src/scan/spec.js';
import amu from '../../src/constraints/amu.js';
import { AMU } from '../../src/constraints/datasets.js';
import { scanWithSharedData } from '../helpers/cli.js';
import { compareOutputs } from '../helpers/compareOutputs.js';
import { COHERENT_DIR, DARKCAST_DIR, requireShared } from '../helpers/shared.js';
import { suiteTempDir } from '../helpers/tmp.js';

const tmp = suiteTempDir('product-blocks');

const SPECS = {
  // 3 models, 23 x 17 cells (an m_X row is 17 cells: 7-cell blocks cut rows), k profiled, every projection.
  profiled: `name: blocks-profiled
models: [Lmu-Ltau, B-3Lmu, B-L]
mx: { min: 0.004, max: 3, n: 23 }
gx: { min: 1.0e-6, max: 3.0e-2, n: 17 }
k: { min: -0.3, max: 0.3, n: 3, scale: lin }
constraints: all
projections: all
outputs: { plots: [exclusion], csv: true }
`,
  // amu-2025: the band includes zero and is drawn as an upper limit with its central line.
  upperLimit: `name: blocks-upper-limit
models: [Lmu-Ltau, B-L]
mx: { min: 0.005, max: 2, n: 11 }
gx: { min: 1.0e-5, max: 1.0e-1, n: 29 }
eps: 0
datasets: { amu: amu-2025 }
outputs: { plots: [exclusion] }
`,
};
type Name = keyof typeof SPECS;
const out = (name: Name) => join(tmp, name);

/** The files writeProducts writes (and nothing else in a scan's directory). */
const PRODUCT_FILES = ['masks.npz', 'cells.csv', 'coverage.csv', 'boundaries', 'plots'];

beforeAll(async () => {
  await Promise.all(
    (Object.keys(SPECS) as Name[]).map(async (name) => {
      const spec = join(tmp, `${name}.yaml`);
      writeFileSync(spec, SPECS[name]);
      await scanWithSharedData(spec, out(name));
    }),
  );
});

/** The options `u1x scan` gave writeProducts, made again from the scan's directory. */
function optionsOf(dir: string): ProductOptions {
  const manifest = JSON.parse(readFileSync(join(dir, 'manifest.json'), 'utf8'));
  const spec = parseScanSpec(readFileSync(join(dir, 'spec.yaml'), 'utf8'), 'spec.yaml');
  const plan = planScan(spec, {
    name: manifest.name,
    dataDirs: { coherent: requireShared(COHERENT_DIR), darkcast: requireShared(DARKCAST_DIR) },
    force: false,
    resolveModels: (s) => modelsOfSpec(s, dir),
  });
  const bits: string[] = [];
  for (const c of manifest.constraints as { id: string; mask_bit: number }[]) if (c.mask_bit >= 0) bits[c.mask_bit] = c.id;
  const mask = new NpyFile(join(dir, 'cells', 'mask.npy'));
  const chi2 = new NpyFile(join(dir, 'cells', 'chi2.npy'));
  const options: ProductOptions = {
    plan,
    kernel: { bits, maskWords: mask.shape[mask.shape.length - 1] },
    floatType: chi2.dtype,
    plots: plan.spec.outputs?.plots ?? [],
    csv: plan.spec.outputs?.csv,
    provenance: { backend: manifest.backend, precision: chi2.dtype === '<f4' ? 'float32' : 'float64' },
    version: `u1x ${manifest.u1x_version}${manifest.git_sha ? ` (git ${String(manifest.git_sha).slice(0, 7)})` : ''}`,
  };
  mask.close();
  chi2.close();
  return options;
}

/** Copy `dir` without its products, write them again with `blockCells`, and compare everything with `dir`. */
async function rewrite(dir: string, options: ProductOptions, blockCells: number): Promise<void> {
  const copy = `${dir}-block${blockCells}`;
  cpSync(dir, copy, { recursive: true });
  for (const f of PRODUCT_FILES) rmSync(join(copy, f), { recursive: true, force: true });
  const record = await writeProducts(copy, { ...options, blockCells });
  const cmp = compareOutputs(dir, copy);
  expect(cmp.same, cmp.report).toBe(true);
  // The products' manifest records too (the copy kept the original manifest.json).
  const manifest = JSON.parse(readFileSync(join(dir, 'manifest.json'), 'utf8'));
  if (manifest.products) expect(JSON.parse(JSON.stringify(record))).toEqual(manifest.products);
  rmSync(copy, { recursive: true, force: true });
}

describe('products in blocks of cells', () => {
  it('profiled k, 3 models, uneven grid, projections, CSV: the same bytes with 7-cell blocks, one-row blocks and one block per model', async () => {
    const dir = out('profiled');
    const manifest = JSON.parse(readFileSync(join(dir, 'manifest.json'), 'utf8'));
    // The comparison means something only if the products are there.
    expect(manifest.products.masks.file).toBe('masks.npz');
    expect(manifest.products.cells_csv.file).toBe('cells.csv');
    expect(manifest.products.coverage.file).toBe('coverage.csv');
    expect(manifest.products.plots.figures).toHaveLength(3);
    const options = optionsOf(dir);
    for (const block of [7, 17, 23 * 17]) await rewrite(dir, options, block);
  });

  it('the (g-2)_mu band as an upper limit (its central line drawn): the same bytes with 7-cell and one-row blocks', async () => {
    const dir = out('upperLimit');
    const manifest = JSON.parse(readFileSync(join(dir, 'manifest.json'), 'utf8'));
    expect(manifest.products.plots.band_upper_limit).toBeDefined();
    expect(manifest.products.plots.figures.some((f: { central_line: unknown }) => f.central_line !== false)).toBe(true);
    const options = optionsOf(dir);
    for (const block of [7, 29, 1]) await rewrite(dir, options, block);
  });

  it('a hand-made scan with an unsorted m_X list, two mask words and the band observable: the same bytes for every block size', async () => {
    const dir = join(tmp, 'unsorted');
    mkdirSync(join(dir, 'cells'), { recursive: true });
    const mx = [1, 0.01, 0.3, 0.1, 0.02];
    const gx = [1e-4, 1e-3, 1e-2, 3e-2, 1e-1, 3e-4];
    const ids = ['amu', ...Array.from({ length: 35 }, (_, i) => `c${i}`)];
    const nModels = 2;
    const cells = nModels * mx.length * gx.length;
    const words = 2;
    const mask = new Uint32Array(cells * words);
    // Constraint k excludes cell c when (c * (k + 3)) % 5 < 2: every bit its own pattern, islands and bands.
    for (let c = 0; c < cells; c++) ids.forEach((_, k) => ((c * (k + 3)) % 5 < 2 ? (mask[c * words + (k >> 5)] |= 1 << (k & 31)) : 0));
    const shape = [nModels, mx.length, gx.length];
    writeFileSync(
      join(dir, 'cells', 'chi2.npy'),
      npyBytes(
        '<f8',
        shape,
        Float64Array.from({ length: cells }, (_, c) => (c * 7) % 11),
      ),
    );
    writeFileSync(join(dir, 'cells', 'mask.npy'), npyBytes('<u4', [...shape, words], mask));
    writeFileSync(
      join(dir, 'cells', 'argmin_eps.npy'),
      npyBytes(
        '<u4',
        shape,
        Uint32Array.from({ length: cells }, (_, c) => c % 2),
      ),
    );
    // Delta a_mu grows with g_X (crossing the central value once per column) except in one column.
    const obs = Float64Array.from({ length: cells }, (_, c) => {
      const ig = c % gx.length;
      const im = Math.floor(c / gx.length) % mx.length;
      return im === 2 ? 300 * Math.sin(ig) : 1e6 * (gx[ig] / 1e-3) ** 2 * (1 + im);
    });
    writeFileSync(join(dir, 'cells', 'obs_amu.delta_amu.npy'), npyBytes('<f8', shape, obs));
    const def = (id: string) => ({
      id,
      title: id === 'amu' ? '(g-2)_mu' : `Title of ${id}`,
      kind: 'chi2',
      reference: 'x',
      ...(id === 'amu' ? { role: 'preferred', band: amu.band, dataset: AMU } : {}),
    });
    const plan = {
      name: 'unsorted',
      spec: {},
      models: [
        { id: 'm:1', name: 'Lmu-Ltau' },
        { id: 'm:2', name: 'B-L' },
      ],
      mx: { name: 'mx', values: Float64Array.from(mx), scale: 'list' },
      gx: { name: 'gx', values: Float64Array.from(gx), scale: 'list' },
      mix: { name: 'eps', values: Float64Array.from([0, 1e-3]), scale: 'list', kind: 'eps' },
      mixing: 'photon',
      profileEps: true,
      profileGx: false,
      active: ids.map((id) => ({ def: def(id), inst: {}, datasetId: id === 'amu' ? 'amu-2021' : null, options: {} })),
      skipped: [],
      objective: new Set(['amu']),
    } as unknown as ScanPlan;
    const options: ProductOptions = {
      plan,
      kernel: { bits: ids, maskWords: words } as unknown as CompiledKernel,
      floatType: '<f8',
      plots: ['exclusion'],
      csv: true,
      provenance: { backend: 'test', precision: 'float64' },
      version: 'u1x test',
    };
    const record = await writeProducts(dir, options);
    expect(record.boundaries.models).toBeDefined();
    writeFileSync(join(dir, 'manifest.json'), JSON.stringify({ products: record }));
    for (const block of [1, 5, 6, 7, 13, cells]) await rewrite(dir as never, options, block);
  });
});
