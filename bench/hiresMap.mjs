// The 10^10-point map (scans/lmu-ltau-hires.yaml: L_mu - L_tau, 4096 m_X x 4096 g_X x 601 k profiled):
// its roofline prediction per GPU from the kernel's own sampled per-point counts (src/bench/roofline.ts),
// and its time on this machine, extrapolated from `u1x scan` runs of the same map with fewer m_X rows
// (same g_X and k axes, m_X over the same range): time = a + b * rows fitted to two row counts, so the
// per-run fixed cost (tables, compile, writing products) is not multiplied. Peak RSS of each run shows
// whether memory stays flat as the grid grows.
// Run after `npm run build`:
//   node bench/hiresMap.mjs [--rows 4,16] [--backend cpu] [--cells] [--out bench/results/lmu-ltau-hires.json]
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { availableParallelism, cpus, loadavg, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';

const root = resolve(new URL('..', import.meta.url).pathname);
const dist = resolve(process.env.U1X_DIST ?? join(root, 'dist'));
const load = async (m) => import(pathToFileURL(join(dist, m)).href);
const arg = (name, dflt) => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? process.argv[i + 1] : dflt;
};
const rows = arg('rows', '4,16').split(',').map(Number);
const backend = arg('backend', 'cpu');
const out = arg('out', null);
// --cells: also write the per-cell arrays and map products (their memory grows with the cells: the products
// read a model's cells whole); by default the kernel pass alone (`--no-cells`), whose memory is flat.
const cells = process.argv.includes('--cells');
const SPEC = join(root, 'scans', 'lmu-ltau-hires.yaml');
const FULL_ROWS = 4096;

const { readScanSpec } = await load('scan/spec.js');
const { planScan } = await load('scan/plan.js');
const { modelsOfSpec } = await load('scan/models.js');
const { bundledDataDir } = await load('io/dataDirs.js');
const { buildKernel } = await load('kernel/session.js');
const { scanKernelRequest } = await load('scan/kernelRequest.js');
const { kernelCost, predictGpus } = await load('bench/roofline.js');

const log = (s) => process.stderr.write(`${s}\n`);
const dataDirs = { coherent: bundledDataDir('coherent'), darkcast: bundledDataDir('darkcast') };
const { spec, text } = readScanSpec(SPEC);
const plan = planScan(spec, { name: 'lmu-ltau-hires', dataDirs, force: true, resolveModels: (s) => modelsOfSpec(s, root) });
log(`full map: ${plan.totalPoints.toExponential(3)} points, ${plan.cells.toExponential(3)} cells`);

// Prediction: the full map's kernel, its executed and 32-lane lockstep counts sampled on 16 groups of 32 cells.
const t0 = performance.now();
const build = buildKernel(scanKernelRequest(plan, { prune: true }));
const tablesS = build.timings.tablesMs / 1000;
const pc = { def: { id: 'lmu-ltau-hires', title: 'L_mu - L_tau 4096 x 4096 x 601', constraints: 'all', prune: true }, plan, build };
const cost = kernelCost(pc, 16);
const gpus = predictGpus(cost, plan.totalPoints, plan.cells, build.kernel.outputs.length);
log(`prediction: tables ${tablesS.toFixed(1)} s here, cost sampled in ${((performance.now() - t0) / 1000).toFixed(1)} s`);
for (const g of gpus) log(`  ${g.gpu}: >= ${g.predictedS.toFixed(1)} s (${g.binding})`);

// Measurement: the same map with fewer m_X rows, each a child `u1x scan` under /usr/bin/time -v.
const work = mkdtempSync(join(tmpdir(), 'u1x-hires-'));
const runs = [];
try {
  for (const n of rows) {
    const specFile = join(work, `hires-${n}.yaml`);
    writeFileSync(
      specFile,
      text.replace(/^name: .*$/m, `name: lmu-ltau-hires-${n}rows`).replace(/^mx: .*$/m, `mx: { min: 0.005, max: 5, n: ${n} }`),
    );
    const outDir = join(work, `out-${n}`);
    log(`run: ${n} m_X rows (${(n * 4096 * 601).toExponential(2)} points) on ${backend}`);
    const r = spawnSync(
      '/usr/bin/time',
      [
        '-v',
        process.execPath,
        join(dist, 'cli', 'main.js'),
        'scan',
        specFile,
        '--out',
        outDir,
        '--backend',
        backend,
        '--progress',
        'none',
        ...(cells ? [] : ['--no-cells']),
      ],
      { encoding: 'utf8', env: { ...process.env, U1X_COHERENT_DATA: dataDirs.coherent, U1X_DARKCAST: dataDirs.darkcast } },
    );
    if (r.status !== 0) throw new Error(`scan of ${n} rows failed (${r.status}):\n${r.stderr}`);
    const field = (re) => Number(re.exec(r.stderr)?.[1]);
    const [, h, m, s] = /Elapsed \(wall clock\) time \(h:mm:ss or m:ss\): (?:(\d+):)?(\d+):([\d.]+)/.exec(r.stderr) ?? [];
    const wallS = (Number(h ?? 0) * 60 + Number(m)) * 60 + Number(s);
    const run = JSON.parse(readFileSync(join(outDir, 'run.json'), 'utf8'));
    runs.push({
      mxRows: n,
      points: n * 4096 * 601,
      wallS,
      cpuS: field(/User time \(seconds\): ([\d.]+)/) + field(/System time \(seconds\): ([\d.]+)/),
      peakRssMiB: field(/Maximum resident set size \(kbytes\): (\d+)/) / 1024,
      kernelS: run.timings_ms.kernel / 1000,
      pointsPerSecond: run.points_per_second,
      backendChoice: run.backend_choice,
    });
    log(
      `  wall ${wallS.toFixed(1)} s, kernel ${(run.timings_ms.kernel / 1000).toFixed(1)} s, peak RSS ${runs.at(-1).peakRssMiB.toFixed(0)} MiB`,
    );
    rmSync(outDir, { recursive: true, force: true });
  }
} finally {
  rmSync(work, { recursive: true, force: true });
}
const [a, b] = [runs[0], runs.at(-1)];
const perRowS = (b.wallS - a.wallS) / (b.mxRows - a.mxRows);
const extrapolatedS = a.wallS + perRowS * (FULL_ROWS - a.mxRows);
let commit = null;
try {
  commit = execFileSync('git', ['rev-parse', '--short', 'HEAD'], { cwd: root, encoding: 'utf8' }).trim();
} catch {
  // not a git checkout: no commit to record
}
const result = {
  map: { spec: 'scans/lmu-ltau-hires.yaml', points: plan.totalPoints, cells: plan.cells, constraints: plan.active.length },
  machine: { cpu: cpus()[0]?.model, threads: availableParallelism(), loadavgAtEnd: loadavg(), node: process.version, commit },
  measured: {
    backend,
    cells,
    runs,
    method: `wall = a + b * rows fitted to ${a.mxRows} and ${b.mxRows} m_X rows, evaluated at ${FULL_ROWS}`,
  },
  extrapolated: { wallS: extrapolatedS, hours: extrapolatedS / 3600, perMxRowS: perRowS },
  prediction: {
    tablesSecondsHere: tablesS,
    perPoint: { executed: cost.perPoint.executed, lockstep32: cost.perPoint.lockstep.find((l) => l.width === 32) },
    sample: cost.sample,
    gpus,
  },
};
const json = JSON.stringify(result, null, 2) + '\n';
if (out) writeFileSync(out, json);
else process.stdout.write(json);
log(`extrapolated full map on this machine (${backend}): ${(extrapolatedS / 3600).toFixed(2)} h`);
