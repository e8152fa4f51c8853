// The Markdown rendering of a bench result (the JSON beside it has every sample).

import { fitMarkdown } from './fitPhases.js';
import type { BenchResult, CaseResult, PathResult, Stat } from './run.js';
import { TARGETS } from './run.js';
import { MAX_CHUNK_CELLS } from '../scan/chunks.js';

const rate = (x: number) =>
  !Number.isFinite(x)
    ? '–'
    : x >= 1e9
      ? `${(x / 1e9).toFixed(2)} G`
      : x >= 1e6
        ? `${(x / 1e6).toFixed(x >= 1e8 ? 0 : 3)} M`
        : x >= 1e3
          ? `${(x / 1e3).toFixed(1)} k`
          : x.toFixed(0);
const spread = (s: Stat) => (s.n > 1 ? ` (${rate(s.min)}–${rate(s.max)})` : '');
const ms = (x: number) => (x >= 10_000 ? `${(x / 1000).toFixed(1)} s` : `${x.toFixed(0)} ms`);
const num = (x: number, d = 0) => x.toLocaleString('en-US', { maximumFractionDigits: d, minimumFractionDigits: d });
const pct = (x: number) => `${(100 * x).toFixed(x < 0.01 ? 2 : 1)} %`;
const sec = (x: number) => (x >= 7200 ? `${(x / 3600).toFixed(1)} h` : x >= 120 ? `${(x / 60).toFixed(1)} min` : `${x.toFixed(1)} s`);
const ratio = (x: number) => (Number.isFinite(x) ? `${x.toFixed(x < 10 ? 2 : 1)}×` : '–');

function table(head: string[], rows: (string | number)[][]): string[] {
  return [`| ${head.join(' | ')} |`, `|${head.map(() => '---').join('|')}|`, ...rows.map((r) => `| ${r.join(' | ')} |`)];
}

const PATH_NAME: Record<string, string> = {
  webgpu: 'WebGPU (float32)',
  'cpu-all': 'CPU reference, all cores (float64)',
  'cpu-1': 'CPU reference, 1 core (float64)',
  numpy: 'NumPy baseline (float64, 1 core)',
};

function pathRow(c: CaseResult, p: PathResult): (string | number)[] {
  return [
    c.id,
    PATH_NAME[p.path],
    `${rate(p.pointsPerSecond.median)}${spread(p.pointsPerSecond)}`,
    rate(p.kernelPointsPerSecond.median),
    p.coresUsed.median.toFixed(2),
    `${rate(p.pointsPerCpuSecond.median)}${spread(p.pointsPerCpuSecond)}`,
  ];
}

export function benchMarkdown(r: BenchResult): string {
  const m = r.machine;
  const out: string[] = [];
  const g = r.grid;
  out.push(
    `# u1x bench — ${m.adapter.ok ? m.adapter.description : 'no WebGPU adapter'}`,
    '',
    `${r.date.slice(0, 16).replace('T', ' ')} UTC · u1x ${r.u1x.version}${r.u1x.gitSha ? ` (${r.u1x.gitSha.slice(0, 12)})` : ''} · node ${m.node} · ` +
      `${m.cpu.model} (family ${m.cpu.family ?? '?'} model ${m.cpu.modelNumber ?? '?'}), ${m.cpu.cores} logical CPUs, ${m.cpu.mhz ?? '?'} MHz, ` +
      `${['avx2', 'fma', 'avx512f'].filter((f) => m.cpu.simd[f as 'avx2']).join('/')}${m.cpu.hypervisor ? ', virtual machine' : ''} · ${m.memoryGiB} GiB · ` +
      `load average at start ${m.loadAverage.join(' / ')}`,
    '',
    `Grid: ${r.modelIds.length} models (${g.models}) × ${g.mx.n} m_X (${g.mx.min}–${g.mx.max} GeV, ${g.mx.scale}) × ${g.gx.n} g_X (${g.gx.min}–${g.gx.max}, ${g.gx.scale}) × ` +
      `${g.eps.n} ε (${g.eps.min}–${g.eps.max}, ${g.eps.scale}, profiled inside the kernel) = ${num(g.points)} points per pass; ` +
      `${r.rounds} interleaved round${r.rounds === 1 ? '' : 's'} (every path once per round, order rotating). Medians, (min–max) over rounds.`,
    '',
  );
  if (r.notes.length) out.push(...r.notes.map((n) => `> ${n}`), '');

  // headline
  out.push('## Points per second', '');
  const rows: (string | number)[][] = [];
  for (const c of r.cases) for (const p of c.paths) rows.push(pathRow(c, p));
  if (r.numpy.pointsPerSecond) {
    const cpu = r.numpy.runs.map((n) => n.points / Math.min(...n.cpuSeconds));
    const cores = r.numpy.runs.map((n) => Math.min(...n.cpuSeconds) / Math.min(...n.seconds));
    rows.push([
      'global',
      PATH_NAME.numpy,
      `${rate(r.numpy.pointsPerSecond.median)}${spread(r.numpy.pointsPerSecond)}`,
      '–',
      cores.sort((a, b) => a - b)[Math.floor(cores.length / 2)].toFixed(2),
      rate(cpu.sort((a, b) => a - b)[Math.floor(cpu.length / 2)]),
    ]);
  }
  out.push(
    ...table(['case', 'path', 'points/s (evaluation loop)', 'points/s (kernel only)', 'cores used', 'points per CPU-second'], rows),
    '',
  );
  out.push(
    '*Evaluation loop*: points / (backend runs + decoding), what `u1x scan` sustains once tables and kernel exist. ' +
      '*Kernel only*: the backend runs minus the null-kernel floor (same chunks, same outputs, no work) — dispatch and readback removed. ' +
      "*Cores used*: CPU time of the process (all threads: CPU workers, lavapipe's threads; NumPy: its process) over wall time — on a " +
      'machine shared with other work a path gets fewer cores than it could use. *Points per CPU-second* does not depend on that.',
    '',
    'Cases: ' +
      r.cases.map((c) => `**${c.id}** — ${c.title}: ${c.constraints.length} constraints, objective ${c.objective.join(' + ')}`).join('; ') +
      '.',
    '',
  );
  if (r.numpy.skipped) out.push(`NumPy baseline: skipped (${r.numpy.skipped}).`, '');
  else if (r.numpy.check)
    out.push(
      `NumPy baseline: ${r.numpy.check.note}, \`bench/baselines/numpy_chi2.py\` on the global case, no pruning (every point evaluated).`,
      '',
    );

  // targets
  out.push('## Targets', '');
  const trows: (string | number)[][] = r.ratios
    .filter((x) => x.target !== null)
    .map((x) => [
      x.name,
      `≥ ${x.target}×`,
      `${ratio(x.pairedMedian)} (${ratio(x.pairedMin)}–${ratio(x.pairedMax)})`,
      `${ratio(x.perCpuMedian)} (${ratio(x.perCpuMin)}–${ratio(x.perCpuMax)})`,
      x.met ? 'met' : `**missed** (${pct(x.pairedMedian / x.target!)} of target)`,
    ]);
  if (r.scaling?.rssFlat) {
    const f = r.scaling.rssFlat;
    trows.push([
      `peak RSS flat from ${f.from.toExponential(0)} to ${f.to.toExponential(0)} points`,
      `± ${pct(TARGETS.rssSpread)}`,
      `${f.minMiB}–${f.maxMiB} MiB (± ${pct(f.spread)})`,
      '',
      f.met ? 'met' : '**missed**',
    ]);
  }
  out.push(...table(['target', 'wanted', 'measured: wall-clock points/s, paired per round', 'per CPU-second', ''], trows), '');
  out.push(
    'Ratios are taken within each round (the paths ran back to back) and then the median over rounds is reported. The target is judged on ' +
      'the wall-clock ratio; the per-CPU-second ratio is what it would be if every path had the cores it can use.',
    '',
  );
  const others = r.ratios.filter((x) => x.target === null);
  if (others.length) {
    out.push(
      ...table(
        ['other ratios', 'wall-clock, median (min–max)', 'per CPU-second'],
        others.map((x) => [
          x.name,
          `${ratio(x.pairedMedian)} (${ratio(x.pairedMin)}–${ratio(x.pairedMax)})`,
          `${ratio(x.perCpuMedian)} (${ratio(x.perCpuMin)}–${ratio(x.perCpuMax)})`,
        ]),
      ),
      '',
    );
  }

  // time split
  out.push('## Where the time goes', '');
  const srows: (string | number)[][] = [];
  for (const c of r.cases) {
    for (const p of c.paths) {
      const total = p.split.kernelMs + p.split.floorMs + p.split.decodeMs;
      srows.push([
        c.id,
        p.path,
        ms(c.tablesMs),
        ms(c.compileMs),
        ms(p.prepareMs),
        ms(p.firstRunMs),
        `${ms(p.split.kernelMs)} (${pct(p.split.kernelMs / total)})`,
        `${ms(p.split.floorMs)} (${pct(p.split.floorMs / total)})`,
        `${ms(p.split.decodeMs)} (${pct(p.split.decodeMs / total)})`,
        p.split.chunks,
      ]);
    }
  }
  out.push(
    ...table(
      ['case', 'path', 'tables', 'IR → WGSL/JS', 'prepare', 'first dispatch', 'kernel', 'dispatch + readback', 'decode', 'chunks'],
      srows,
    ),
    '',
    'One-time: *tables* (float64 per-mass tables, CPU), *IR → WGSL/JS* (compileKernel), *prepare* (WGSL → pipeline and buffer uploads; CPU: ' +
      '`new Function`), *first dispatch* (64 cells; lavapipe compiles the shader to machine code here; CPU: worker start-up). Then ' +
      'an untimed warm-up of ≥ 2 s per path (V8 optimises the kernel function in each worker once it is hot). Per pass ' +
      '(medians): *kernel* = backend runs − null-kernel floor, *dispatch + readback* = the floor (WebGPU: submit, copy to a mappable buffer, ' +
      "map, copy out; CPU: worker round trips), *decode* = the runner's per-cell decode and per-model minima.",
    '',
  );
  const slowTables = r.cases.find((c) => c.id === 'full');
  if (slowTables) {
    out.push(
      `Tables of the full set (${slowTables.tableSlots.length} tables, ${ms(slowTables.tablesMs)}): ` +
        [...slowTables.tableSlots]
          .sort((a, b) => b.ms - a.ms)
          .slice(0, 6)
          .map((s) => `${s.key} ${ms(s.ms)}`)
          .join(', ') +
        '.',
      '',
    );
  }

  // agreement
  if (r.agreement.length) {
    out.push('## Agreement', '');
    out.push(
      ...table(
        ['comparison', 'cells', 'max |Δ|', 'max |Δ|/max(1,|ref|)', 'argmin differs (beyond ties)'],
        r.agreement.map((a) => [
          a.name,
          num(a.result.cells),
          a.result.maxAbsDiff.toExponential(2),
          a.result.maxRelDiff.toExponential(2),
          `${a.result.argminMismatches} (${a.result.argminMismatchesBeyondTies})`,
        ]),
      ),
      '',
    );
  }

  // roofline
  out.push('## Roofline', '');
  out.push(
    'Operations per grid point counted from the scheduled kernel Program (`src/bench/cost.ts`): *upper* takes every lazy branch and ' +
      'runs early-exit loops (COHERENT Newton: 16) to their bound, *lower* takes no branch and one Newton iteration; *executed* runs the ' +
      'program in float64 on sampled cells with counters on every branch and early exit; *8-lane* / *32-lane* charge a SIMD group of 8 ' +
      '(lavapipe, 256-bit) or 32 (GPU warp) consecutive cells for every block any of its lanes takes. flops = add/sub, mul, div and ' +
      'special functions (sqrt/exp/log/pow, one each); "other" = min/max/abs/neg/compares/selects; "int" = u32 index arithmetic and logic.',
    '',
  );
  const crows: (string | number)[][] = [];
  for (const c of r.cases) {
    const k = c.cost;
    if (!k) continue;
    const w8 = k.perPoint.lockstep.find((l) => l.width === 8);
    const w32 = k.perPoint.lockstep.find((l) => l.width === 32);
    crows.push([
      c.id,
      num(k.perPoint.upper.flops),
      num(k.perPoint.lower.flops),
      num(k.perPoint.executed.flops),
      `${num(w8?.counts.flops ?? NaN)} (${pct(w8?.flopEfficiency ?? NaN)})`,
      `${num(w32?.counts.flops ?? NaN)} (${pct(w32?.flopEfficiency ?? NaN)})`,
      num(k.perPoint.executed.special, 1),
      num(k.perPoint.executed.otherFloat),
      num(k.perPoint.executed.intAndLogic),
      `${num(k.perPoint.executed.loads)} (${num(k.bytesLoadedPerPointF32)} B)`,
      (k.perPoint.executed.flops / k.bytesLoadedPerPointF32).toFixed(2),
      `${(k.footprintBytesF32 / 2 ** 20).toFixed(2)} MiB`,
    ]);
  }
  out.push(
    ...table(
      [
        'case',
        'flops upper',
        'flops lower',
        'flops executed',
        '8-lane (SIMD eff.)',
        '32-lane (SIMD eff.)',
        'special',
        'other float',
        'int/logic',
        'loads (f32 bytes)',
        'flop/byte',
        'footprint',
      ],
      crows,
    ),
    '',
  );
  const gc = r.cases.find((c) => c.id === 'global')?.cost;
  if (gc) {
    const v = gc.visits.map((x) => `${x.label} (${x.kind}): ${x.perCell.toFixed(1)} of ≤ ${x.bound} per cell`).join('; ');
    out.push(
      `Data-dependent blocks of the global kernel (per cell of ${gc.pointsPerCell} points, sample of ${gc.sample.cells} cells): ${v}.`,
      '',
    );
    const np = r.cases.find((c) => c.id === 'global-noprune')?.cost;
    if (np) {
      out.push(
        `Pruning: the profile loop evaluates COHERENT's Newton fit only where light terms + (−2) can still beat the running minimum. ` +
          `Executed flops per point: ${num(gc.perPoint.executed.flops)} with pruning, ${num(np.perPoint.executed.flops)} without ` +
          `(${ratio(np.perPoint.executed.flops / gc.perPoint.executed.flops)} less work); in 8-lane lockstep ${num(gc.perPoint.lockstep.find((l) => l.width === 8)?.counts.flops ?? NaN)} vs ` +
          `${num(np.perPoint.lockstep.find((l) => l.width === 8)?.counts.flops ?? NaN)}: a SIMD group pays for a branch when any lane takes it.`,
        '',
      );
    }
  }
  if (r.roofline) {
    out.push(
      ...table(
        [
          'case',
          'path',
          'points/s',
          'useful GFLOP/s (wall)',
          'points per CPU-s',
          'issued GFLOP per CPU-s',
          'assumed peak',
          'fraction of peak per core held',
        ],
        r.roofline.achieved.map((a) => [
          a.caseId,
          a.path,
          rate(a.pointsPerSecond),
          a.gflops.toFixed(2),
          rate(a.pointsPerCpuSecond),
          a.issuedGflopsPerCore.toFixed(2),
          `${(a.peak.flopsPerSecond / 1e9).toFixed(0)} GFLOP/s`,
          pct(a.fractionOfPeak),
        ]),
      ),
      '',
    );
    out.push(
      '*Issued*: WebGPU counts the 8-lane lockstep work (masked lanes included). *Fraction of peak*: issued GFLOP per CPU-second over the ' +
        'assumed peak of one core, i.e. independent of the cores other load left us.',
      '',
    );
    out.push('Peaks (assumptions, not measurements):', '', ...r.roofline.peaks.map((p) => `- **${p.name}**: ${p.assumptions}`), '');
    if (r.roofline.ceilings.length) {
      out.push(
        '### Measured ceilings of the adapter',
        '',
        'Micro-kernels in the u1x driver, 2^20 invocations, one operation kind unrolled 8–64 times in a loop with a run-time bound, the ' +
          "loop's own cost (first row) removed (lane operations per second, median over rounds; per CPU-second: per second of CPU time of " +
          "lavapipe's threads, i.e. per core held):",
        '',
        ...table(
          ['kernel', 'G op/s (wall)', 'G op per CPU-s'],
          r.roofline.ceilings.map((c) => [c.what, (c.opsPerSecond / 1e9).toFixed(2), (c.opsPerCpuSecond / 1e9).toFixed(2)]),
        ),
        '',
      );
    }
    if (r.roofline.costModels.length) {
      const kinds = r.roofline.costModels[0].model.terms.map((t) => t.what);
      out.push(
        "The kernels' 8-lane lockstep counts priced at those per-CPU-second rates (share of the predicted time per operation class):",
        '',
        ...table(
          ['case', 'predicted points per CPU-s', 'measured points per CPU-s', ...kinds],
          r.roofline.costModels.map((c) => {
            const total = c.model.terms.reduce((s, t) => s + t.seconds, 0);
            return [
              c.caseId,
              rate(c.model.predictedPointsPerSecond),
              rate(c.measuredPointsPerSecond),
              ...c.model.terms.map((t) => pct(t.seconds / total)),
            ];
          }),
        ),
        '',
      );
    }
  }
  if (r.paperProfile) {
    const pp = r.paperProfile;
    const k = pp.cost;
    const w32 = k.perPoint.lockstep.find((l) => l.width === 32)!;
    out.push(
      `### Prediction: ${pp.grid.nModels} models × ${pp.grid.mx.n} × ${pp.grid.gx.n} × ${pp.grid.eps.n} (global Δχ², ε profiled)`,
      '',
      `${num(pp.grid.points)} points (${num(pp.grid.cells)} cells). Measured here: tables for ${pp.grid.mx.n} masses × ${pp.grid.nModels} models ` +
        `${ms(pp.tablesMs)} (${[...pp.tableSlots]
          .sort((a, b) => b.ms - a.ms)
          .slice(0, 3)
          .map((s) => `${s.key} ${ms(s.ms)}`)
          .join(', ')}), IR → WGSL ${ms(pp.compileMs)}. ` +
        `Kernel counts sampled on ${k.sample.cells} cells of this grid: ${num(k.perPoint.executed.flops)} flops/point executed, ` +
        `${num(w32.counts.flops)} in 32-lane lockstep (SIMD efficiency ${pct(w32.flopEfficiency)}), ${num(w32.counts.instructions)} counted operations/point, ` +
        `${num(k.bytesLoadedPerPointF32)} B loaded/point (f32).`,
      '',
      ...table(
        ['GPU', 'FP32 bound', 'issue bound', 'L1 bound', 'DRAM bound', 'prediction (binding)'],
        pp.gpus.map((gp) => [
          gp.gpu,
          sec(gp.computeBoundS),
          sec(gp.issueBoundS),
          sec(gp.l1BoundS),
          sec(gp.dramBoundS),
          `**${sec(gp.predictedS)}** (${gp.binding})`,
        ]),
      ),
      '',
      ...pp.gpus.map((gp) => `- ${gp.gpu}: ${gp.assumptions}`),
      '',
      'Bounds at 100 % of the binding resource (roofline), 32-lane lockstep counts; every counted IR operation is taken as one lane-instruction ' +
        '(no FMA fusion, no compiler strength reduction of the index arithmetic; special functions at 1/4 rate). Real kernels with this much ' +
        'branching and dependent arithmetic typically reach 20–50 % of such a bound: multiply by 2–5 for a realistic figure.',
      '',
      `On this machine at the measured GFLOP/s of the global case: ${pp.here.map((h) => `${h.path} ${sec(h.predictedS)}`).join(', ')}.`,
      '',
    );
  }

  // scaling
  if (r.scaling) {
    const s = r.scaling;
    out.push('## Scaling', '');
    out.push(
      'Peak RSS and time of `node dist/cli/main.js scan SPEC --no-cells` in a child process (per-cell .npy outputs off: at 10¹⁰ points they ' +
        'would be gigabytes of disk, not memory; the per-model minima are still reduced). Grid: 10 benchmark models × m_X × g_X × 100 ε (profiled); ' +
        '*light* = the light terms of the global Δχ² (amu, borexino, nsi_osc) — the cheap subset that makes 10¹⁰ points a matter of minutes on ' +
        'lavapipe; *global* = the full global Δχ² (COHERENT fit per point), run only up to 10⁷ points.',
      '',
      ...table(
        ['series', 'backend', 'points', 'grid', 'wall', 'tables', 'compile+prepare', 'kernel loop', 'points/s', 'peak RSS'],
        s.sizes.map((x) => [
          x.series,
          x.backend,
          x.points.toExponential(0),
          x.grid,
          x.ok ? sec(x.wallS) : (x.error ?? 'failed'),
          x.tablesS !== null ? sec(x.tablesS) : '–',
          x.compileS !== null ? sec(x.compileS) : '–',
          x.kernelS !== null ? sec(x.kernelS) : '–',
          x.pointsPerSecond !== null ? rate(x.pointsPerSecond) : '–',
          x.maxRssMiB !== null ? `${x.maxRssMiB} MiB` : '–',
        ]),
      ),
      '',
      `Peak RSS measured with ${s.sizes[0]?.rssSource ?? '–'}. Nothing the runner holds grows with the grid: chunks are capped at ` +
        `${MAX_CHUNK_CELLS.toLocaleString('en-US')} cells and their output memory is reused. What varies is the JavaScript heap: the shortest ` +
        "runs end before it reaches its steady size, and with WebGPU it follows the garbage of dawn.node's event pump (see bench/README.md).",
      '',
    );
    if (s.constraintCounts.length) {
      const ks = [...new Set(s.constraintCounts.map((c) => c.k))];
      const ps = [...new Set(s.constraintCounts.map((c) => c.path))];
      out.push(
        'Points/s vs the number of constraints (registry order, every constraint in the objective so that each is evaluated at every point, ' +
          'pruning on, bench grid):',
        '',
        ...table(
          ['constraints', 'last added', ...ps.map((p) => `${p} points/s`)],
          ks.map((k) => {
            const rows = s.constraintCounts.filter((c) => c.k === k);
            return [
              k,
              rows[0].ids[rows[0].ids.length - 1],
              ...ps.map((p) => rate(rows.find((x) => x.path === p)?.medianPointsPerSecond ?? NaN)),
            ];
          }),
        ),
        '',
      );
    }
  }
  if (r.fit) out.push(...fitMarkdown(r.fit));
  out.push(`Total bench wall time ${sec(r.wallS)}.`, '');
  return out.join('\n');
}
