#!/usr/bin/env node
// The products phase of the 10^10-point map (scans/lmu-ltau-hires.yaml: 1 model, 4096 x 4096 cells, all 57
// constraints, 2 mask words) without its 11 h kernel pass: synthetic cells/*.npy with that layout, then only
// writeProducts, so that a build's memory in that phase can be measured (bench/README.md "Map products in blocks").
//
//   node bench/productsHires.mjs make DIR             # spec.yaml, manifest.json and cells/*.npy (~470 MB)
//   /usr/bin/time -v node bench/productsHires.mjs products DIST DIR   # writeProducts of the build at DIST (e.g. dist)
//
// The masks are made up (per constraint an edge in g_X that moves with m_X, plus thin islands), not physics:
// the point is the shape of the work, which is the real map's (the same plan, bits and files).
import { copyFileSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = resolve(fileURLToPath(new URL('..', import.meta.url)));
const [mode, a, b] = process.argv.slice(2);
const DATA = { coherent: resolve(ROOT, '../shared/data/coherent-csi-2017'), darkcast: resolve(ROOT, '../shared/data/darkcast') };

async function planOf(dist, dir) {
  const imp = (p) => import(resolve(dist, p));
  const { parseScanSpec } = await imp('scan/spec.js');
  const { planScan } = await imp('scan/plan.js');
  const { modelsOfSpec } = await imp('scan/models.js');
  const spec = parseScanSpec(readFileSync(join(dir, 'spec.yaml'), 'utf8'), 'spec.yaml');
  return planScan(spec, { name: 'lmu-ltau-hires', dataDirs: DATA, force: true, resolveModels: (s) => modelsOfSpec(s, dir) });
}

if (mode === 'make' && a) {
  const dir = resolve(a);
  const dist = resolve(ROOT, 'dist');
  mkdirSync(join(dir, 'cells'), { recursive: true });
  copyFileSync(resolve(ROOT, 'scans/lmu-ltau-hires.yaml'), join(dir, 'spec.yaml'));
  const plan = await planOf(dist, dir);
  const { buildKernel } = await import(resolve(dist, 'kernel/session.js'));
  const { scanKernelRequest } = await import(resolve(dist, 'scan/kernelRequest.js'));
  const { NpyStream } = await import(resolve(dist, 'io/npy.js'));
  const kernel = buildKernel(scanKernelRequest(plan, { prune: true, terms: false, observables: ['amu.delta_amu'] })).kernel;
  const constraints = plan.active.map((c) => ({ id: c.def.id, mask_bit: kernel.bits.indexOf(c.def.id) }));
  writeFileSync(
    join(dir, 'manifest.json'),
    JSON.stringify({
      name: plan.name,
      backend: 'synthetic',
      u1x_version: 'bench',
      git_sha: null,
      data: { coherent: { dir: DATA.coherent }, darkcast: { dir: DATA.darkcast } },
      constraints,
    }),
  );
  const n = plan.mx.values.length;
  const ny = plan.gx.values.length;
  const words = kernel.maskWords;
  const shape = [1, n, ny];
  const files = {
    chi2: new NpyStream(join(dir, 'cells/chi2.npy'), '<f8', shape, 'create'),
    argmin: new NpyStream(join(dir, 'cells/argmin_eps.npy'), '<u4', shape, 'create'),
    mask: new NpyStream(join(dir, 'cells/mask.npy'), '<u4', [...shape, words], 'create'),
    obs: new NpyStream(join(dir, 'cells/obs_amu.delta_amu.npy'), '<f8', shape, 'create'),
  };
  const bits = constraints.map((c) => c.mask_bit).filter((bit) => bit >= 0);
  for (let im = 0; im < n; im++) {
    const mask = new Uint32Array(ny * words);
    for (const bit of bits) {
      const edge = (500 + 37 * bit + Math.floor((im * (bit + 3)) / 7)) % ny;
      for (let ig = 0; ig < ny; ig++)
        if (ig >= edge || (((ig - edge) % 997) + 997) % 997 < bit % 5) mask[ig * words + (bit >>> 5)] |= 1 << (bit & 31);
    }
    files.mask.write(im * ny * words, mask);
    files.chi2.write(
      im * ny,
      Float64Array.from({ length: ny }, (_, ig) => ((im * 31 + ig * 17) % 1000) / 10),
    );
    files.argmin.write(
      im * ny,
      Uint32Array.from({ length: ny }, (_, ig) => (im * 7 + ig * 3) % plan.mix.values.length),
    );
    files.obs.write(
      im * ny,
      Float64Array.from({ length: ny }, (_, ig) => 1e12 * plan.gx.values[ig] ** 2 * (1 + im / n)),
    );
  }
  for (const f of Object.values(files)) f.close();
  process.stdout.write(`wrote ${dir}: ${n} x ${ny} cells, ${bits.length} mask bits in ${words} words\n`);
} else if (mode === 'products' && a && b) {
  const dist = resolve(a);
  const dir = resolve(b);
  const plan = await planOf(dist, dir);
  const manifest = JSON.parse(readFileSync(join(dir, 'manifest.json'), 'utf8'));
  const bits = [];
  for (const c of manifest.constraints) if (c.mask_bit >= 0) bits[c.mask_bit] = c.id;
  const { writeProducts } = await import(resolve(dist, 'scan/products/index.js'));
  const t0 = performance.now();
  const record = await writeProducts(dir, {
    plan,
    kernel: { bits, maskWords: Math.ceil(bits.length / 32) },
    floatType: '<f8',
    plots: plan.spec.outputs?.plots ?? [],
    csv: plan.spec.outputs?.csv,
    provenance: { backend: 'synthetic', precision: 'float64' },
    version: 'u1x bench',
  });
  writeFileSync(join(dir, 'products.json'), JSON.stringify(record, null, 1));
  process.stdout.write(`products of ${dir} in ${((performance.now() - t0) / 1000).toFixed(1)} s (records in products.json)\n`);
} else {
  process.stderr.write('usage: node bench/productsHires.mjs make DIR | products DIST DIR\n');
  process.exitCode = 2;
}
