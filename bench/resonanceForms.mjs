// The resonance searches alone: their rates from the 27 coupling products and coefficient rows, against the
// per-(model, m_X) completed squares (src/physics/darkcast/rateForms.ts), interleaved in one process so that
// a loaded machine slows both alike. Every DarkCast search is in the objective and pruning is off, so every
// point evaluates every search. Medians of 5 interleaved passes after a warm-up; per CPU-second from
// process.cpuUsage (lavapipe's threads included).
// Run after `npm run build`:
//   node bench/resonanceForms.mjs [--darkcast ../shared/data/darkcast] [--backends cpu,webgpu]
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';

const root = resolve(new URL('..', import.meta.url).pathname);
const dist = resolve(process.env.U1X_DIST ?? join(root, 'dist'));
const load = async (m) => import(pathToFileURL(join(dist, m)).href);
const arg = (name, dflt) => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? process.argv[i + 1] : dflt;
};
const darkcast = resolve(arg('darkcast', join(root, '..', 'shared', 'data', 'darkcast')));
const backendNames = arg('backends', 'cpu,webgpu').split(',');

const { activateConstraints } = await load('constraints/activate.js');
const { setQuadraticRates } = await load('constraints/resonance.js');
const { cpuBackend } = await load('backends/cpu.js');
const { webgpuBackend } = await load('backends/webgpu.js');
const { openKernel } = await load('kernel/session.js');
const { resolveModels } = await load('models/resolve.js');

const active = activateConstraints({ dataDirs: { coherent: null, darkcast }, mixing: 'photon' }).active.filter((a) =>
  a.inst.usesData?.includes('darkcast'),
);
const objective = new Set(active.map((a) => a.def.id));
const models = resolveModels('Lmu-Ltau,B-L');
const mx = Float64Array.from({ length: 16 }, (_, i) => 0.003 * Math.exp((i * Math.log(3000)) / 15));
const gx = Float64Array.from({ length: 64 }, (_, i) => 10 ** (-8 + (i * 7.7) / 63));
const mix = Float64Array.from({ length: 64 }, (_, i) => -100 + (200 * i) / 63);
const points = models.length * mx.length * gx.length * mix.length;
console.log(`${active.length} resonance searches, ${points} points per pass (2 models x 16 m_X x 64 g_X x 64 k)`);

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
for (const name of backendNames) {
  const backend = name === 'webgpu' ? await webgpuBackend() : cpuBackend(1);
  const sessions = new Map();
  for (const forms of [false, true]) {
    setQuadraticRates(forms);
    const s = await openKernel(
      {
        constraints: active,
        objective,
        models,
        mode: { kind: 'grid', mx, gx, mix, profile: true, prune: false },
        mixing: { convention: 'photon', axis: 'k' },
      },
      backend,
    );
    await s.run(0, s.cells);
    sessions.set(forms, s);
  }
  setQuadraticRates(true);
  const times = new Map([
    [false, []],
    [true, []],
  ]);
  for (let r = 0; r < 5; r++) {
    for (const forms of [false, true]) {
      const s = sessions.get(forms);
      const c0 = process.cpuUsage();
      const t0 = performance.now();
      await s.run(0, s.cells);
      const c = process.cpuUsage(c0);
      times.get(forms).push({ wall: (performance.now() - t0) / 1e3, cpu: (c.user + c.system) / 1e6 });
    }
  }
  const rate = (forms, key) => points / median(times.get(forms).map((t) => t[key])) / 1e3;
  console.log(
    `${name === 'webgpu' ? 'webgpu' : 'cpu, 1 core'}: rows ${rate(false, 'wall').toFixed(1)} k points/s (${rate(false, 'cpu').toFixed(1)} k per CPU-s); ` +
      `completed squares ${rate(true, 'wall').toFixed(1)} k points/s (${rate(true, 'cpu').toFixed(1)} k per CPU-s); ` +
      `${(rate(true, 'wall') / rate(false, 'wall')).toFixed(2)}x wall, ${(rate(true, 'cpu') / rate(false, 'cpu')).toFixed(2)}x per CPU-s`,
  );
  for (const s of sessions.values()) s.dispose();
}
process.exitCode = 0;
