// `u1x verify`: WebGPU (float32) against the float64 CPU reference on sampled points.

import { Command } from 'commander';
import { activateConstraints } from '../../constraints/activate.js';
import { cpuBackend } from '../../backends/cpu.js';
import { webgpuBackend, probeWebgpu } from '../../backends/webgpu.js';
import { runVerify, VERIFY_TOLERANCE, type VerifyReport } from '../../scan/verify.js';
import { UserError } from '../../util/errors.js';
import { collectPairs, dataDirOptions, dataDirsFrom, parseCount, parseNumber, skippedLines, splitList } from '../common.js';
import { requireMemory } from '../memoryGuard.js';

/** Heap bytes per sampled point (measured: 115 bytes with node 20 for 10^6 points of samplePoints). */
const VERIFY_BYTES_PER_POINT = 128;

function printReport(r: VerifyReport): string {
  const lines = [
    `u1x verify: ${r.points} points (seed ${r.seed})`,
    `  reference: ${r.cpu} — ${r.seconds.cpu.toFixed(1)} s`,
    `  checked:   ${r.gpu} — ${r.seconds.gpu.toFixed(1)} s`,
    `  pass: |chi2_gpu - chi2_cpu| <= ${r.tolerance} x max(1, |chi2|) for every term, and no mask disagreement outside ` +
      `+-${VERIFY_TOLERANCE.maskBand} of the threshold; 'strict' also meets VALIDATION §0 (relative ${VERIFY_TOLERANCE.validationRel} above ${VERIFY_TOLERANCE.relFloor}, absolute ${VERIFY_TOLERANCE.validationAbs} below)`,
    '',
    `${'constraint'.padEnd(22)} ${'compared'.padStart(9)} ${'max err'.padStart(10)} ${'max rel'.padStart(10)} ${'max abs'.padStart(10)} ${'excluded'.padStart(9)} ${'mask diff'.padStart(9)} ${'near thr'.padStart(8)}  verdict`,
  ];
  for (const c of r.constraints) {
    lines.push(
      `${c.id.padEnd(22)} ${String(c.compared).padStart(9)} ${c.maxScaled.toExponential(2).padStart(10)} ${c.maxRel.toExponential(2).padStart(10)} ${c.maxAbs.toExponential(2).padStart(10)} ` +
        `${String(c.excluded).padStart(9)} ${String(c.maskDisagreements).padStart(9)} ${String(c.maskFlipsNearThreshold).padStart(8)}  ${c.pass ? (c.meetsValidation ? 'pass, strict' : 'pass') : 'FAIL'}`,
    );
    if (!c.pass && c.worst.point) {
      const p = c.worst.point;
      lines.push(
        `${''.padEnd(22)} worst at ${r.models[p.model]}, m_X=${p.mx}, g_X=${p.gx}, ${c.worst.axis}=${p.eps}: cpu ${c.worst.cpu} gpu ${c.worst.gpu}`,
      );
    }
  }
  lines.push(`${'total'.padEnd(22)} ${''.padStart(9)} ${r.total.maxScaled.toExponential(2).padStart(10)}`);
  lines.push('', r.pass ? 'PASS' : 'FAIL');
  return lines.join('\n') + '\n';
}

export function registerVerifyCommand(program: Command): void {
  const cmd = program
    .command('verify')
    .description('compare the WebGPU (float32) kernels with the float64 CPU reference on sampled points')
    .option('--points <n>', 'number of points', '100000')
    .option('--seed <s>', 'random seed', '1')
    .option('--constraints <ids>', 'comma-separated constraint ids (default: all)')
    .option('--tolerance <tol>', `pass when |chi2_gpu - chi2_cpu| <= tol x max(1, |chi2_cpu|) (default ${VERIFY_TOLERANCE.tol})`)
    .option('--dataset <family=id>', 'dataset choice, e.g. amu=amu-2025 (repeatable)', collectPairs)
    .option('--json', 'machine-readable output');
  for (const o of dataDirOptions()) cmd.addOption(o);
  cmd.action(
    async (opts: {
      points: string;
      seed: string;
      constraints?: string;
      tolerance?: string;
      dataset?: Record<string, string>;
      json?: boolean;
      coherentData?: string;
      darkcast?: string;
    }) => {
      const n = parseCount('--points', opts.points);
      const seed = parseNumber('--seed', opts.seed);
      if (!Number.isInteger(seed)) throw new UserError(`--seed must be an integer (got '${opts.seed}')`);
      const tol = opts.tolerance === undefined ? VERIFY_TOLERANCE.tol : parseNumber('--tolerance', opts.tolerance);
      if (!(tol >= 0)) throw new UserError(`--tolerance must be >= 0 (got '${opts.tolerance}')`);
      requireMemory(`--points ${opts.points}`, n, VERIFY_BYTES_PER_POINT);
      const ids = splitList(opts.constraints, '--constraints');
      const probe = await probeWebgpu();
      if (!probe.ok) throw new UserError(`verify needs a WebGPU adapter: ${probe.detail}`);
      const dirs = dataDirsFrom(opts);
      const { active, skipped } = activateConstraints({
        ids,
        datasets: opts.dataset,
        dataDirs: { coherent: dirs.coherent.dir, darkcast: dirs.darkcast.dir },
        mixing: 'photon',
      });
      const report = await runVerify({ n, seed, tol, active, cpu: cpuBackend(), gpu: await webgpuBackend() });
      if (opts.json)
        process.stdout.write(
          JSON.stringify({ ...report, skipped: skipped.map((s) => ({ id: s.def.id, reason: s.reason })) }, null, 2) + '\n',
        );
      else {
        process.stdout.write(printReport(report));
        for (const line of skippedLines(skipped)) process.stdout.write(`${line}\n`);
      }
      if (!report.pass) process.exitCode = 1;
    },
  );
}
