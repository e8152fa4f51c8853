// `u1x verify`: WebGPU (float32) against the float64 CPU reference on sampled points.

import { Command } from 'commander';
import { activateConstraints } from '../../constraints/activate.js';
import { cpuBackend } from '../../backends/cpu.js';
import { webgpuBackend, probeWebgpu } from '../../backends/webgpu.js';
import { runVerify, VERIFY_TOLERANCE, type VerifyReport } from '../../scan/verify.js';
import { UserError } from '../../util/errors.js';
import { dataDirOptions, dataDirsFrom, parseNumber, skippedLines, splitList } from '../common.js';

function printReport(r: VerifyReport): string {
  const lines = [
    `u1x verify: ${r.points} points (seed ${r.seed})`,
    `  reference: ${r.cpu} — ${r.seconds.cpu.toFixed(1)} s`,
    `  checked:   ${r.gpu} — ${r.seconds.gpu.toFixed(1)} s`,
    `  pass: |chi2_gpu - chi2_cpu| <= ${VERIFY_TOLERANCE.tol} x max(1, |chi2|) for every term, and no mask disagreement outside ` +
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
      lines.push(`${''.padEnd(22)} worst at ${r.models[p.model]}, m_X=${p.mx}, g_X=${p.gx}, ${c.worst.axis}=${p.eps}: cpu ${c.worst.cpu} gpu ${c.worst.gpu}`);
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
    .option('--json', 'machine-readable output');
  for (const o of dataDirOptions()) cmd.addOption(o);
  cmd.action(async (opts: { points: string; seed: string; constraints?: string; json?: boolean; coherentData?: string; darkcast?: string }) => {
    const n = parseNumber('--points', opts.points, { positive: true });
    const seed = parseNumber('--seed', opts.seed);
    if (!Number.isInteger(n) || !Number.isInteger(seed)) throw new UserError('--points and --seed must be integers');
    const probe = await probeWebgpu();
    if (!probe.ok) throw new UserError(`verify needs a WebGPU adapter: ${probe.detail}`);
    const dirs = dataDirsFrom(opts);
    const { active, skipped } = activateConstraints({
      ids: splitList(opts.constraints),
      dataDirs: { coherent: dirs.coherent.dir, darkcast: dirs.darkcast.dir },
      mixing: 'photon',
    });
    const report = await runVerify({ n, seed, active, cpu: cpuBackend(), gpu: await webgpuBackend() });
    if (opts.json) process.stdout.write(JSON.stringify({ ...report, skipped: skipped.map((s) => ({ id: s.def.id, reason: s.reason })) }, null, 2) + '\n');
    else {
      process.stdout.write(printReport(report));
      for (const line of skippedLines(skipped)) process.stdout.write(`${line}\n`);
    }
    if (!report.pass) process.exitCode = 1;
  });
}
