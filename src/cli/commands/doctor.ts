// `u1x doctor`: the WebGPU adapter (or why there is none), its limits, what --backend auto would pick,
// and which external data directories were found.

import { Command } from 'commander';
import { cpuBackend } from '../../backends/cpu.js';
import { probeWebgpu } from '../../backends/webgpu.js';
import { autoDecision, softwareCalibration } from '../../scan/autoBackend.js';
import { missingEntries } from '../../io/dataDirs.js';
import { dataDirOptions, dataDirsFrom, u1xBuild, u1xGitSha, u1xVersion } from '../common.js';

export function registerDoctorCommand(program: Command): void {
  const cmd = program
    .command('doctor')
    .description('report the WebGPU adapter, the backend auto would pick, and the data directories found')
    .option('--json', 'machine-readable output')
    .option('--recalibrate', 'measure the software adapter against the CPU reference again (--backend auto), replacing the cached result');
  for (const o of dataDirOptions()) cmd.addOption(o);
  cmd.action(async (opts: { json?: boolean; recalibrate?: boolean; coherentData?: string; darkcast?: string }) => {
    const probe = await probeWebgpu();
    const cpu = cpuBackend();
    const dirs = dataDirsFrom(opts);
    // What --backend auto picks for each kind of job, and why (a software adapter is calibrated, once; the
    // report says so, stderr stays for errors).
    const { calibration, note } = await softwareCalibration(probe, { u1xVersion: u1xBuild(), recalibrate: opts.recalibrate });
    const picks = Object.fromEntries(
      (['light', 'heavy', 'point'] as const).map((job) => [job, autoDecision(job, probe, calibration)]),
    ) as Record<'light' | 'heavy' | 'point', { backend: string; why: string }>;
    const check = (kind: 'coherent' | 'darkcast') => {
      const d = dirs[kind];
      if (!d.dir) return { found: false, detail: d.how, dir: null, origin: d.origin, bundled: false };
      const missing = missingEntries(kind, d.dir);
      return missing.length
        ? { found: false, dir: d.dir, detail: `${d.how}, but ${missing.join(', ')} missing`, origin: d.origin, bundled: d.bundled }
        : { found: true, dir: d.dir, detail: d.how, origin: d.origin, bundled: d.bundled };
    };
    const report = {
      u1x: { version: u1xVersion(), git_sha: u1xGitSha(), node: process.version },
      webgpu: probe.ok
        ? { adapter: probe.detail, software: probe.isSoftware ?? false, limits: probe.limits }
        : { adapter: null, reason: probe.detail },
      cpu: cpu.description,
      auto_backend: { grid_light: picks.light, grid_heavy: picks.heavy, point: picks.point, calibration, calibration_note: note },
      data: {
        coherent: { ...check('coherent'), without: 'COHERENT falls back to the rate-only likelihood (SPEC §4.6.4)' },
        darkcast: { ...check('darkcast'), without: 'resonance-search constraints are skipped' },
      },
    };
    if (opts.json) {
      process.stdout.write(JSON.stringify(report, null, 2) + '\n');
      return;
    }
    const lines = [
      `u1x ${report.u1x.version}${report.u1x.git_sha ? ` (${report.u1x.git_sha})` : ''}, node ${report.u1x.node}`,
      probe.ok
        ? `WebGPU adapter: ${probe.detail}${probe.isSoftware ? ' (software rasteriser: correct, CPU-speed)' : ''}`
        : `WebGPU adapter: none — ${probe.detail}`,
      ...(probe.limits ? Object.entries(probe.limits).map(([k, v]) => `  ${k}: ${v}`) : []),
      `CPU reference: ${cpu.description}`,
      `--backend auto picks: ${picks.light.backend} for light-term grids (${picks.light.why})`,
      `                      ${picks.heavy.backend} for grids with COHERENT (${picks.heavy.why})`,
      `                      ${picks.point.backend} for single points (${picks.point.why})`,
      ...(note ? [`  ${note}`] : []),
      `COHERENT data: ${report.data.coherent.found ? report.data.coherent.dir : 'not found'} (${report.data.coherent.detail})${report.data.coherent.found ? '' : `; ${report.data.coherent.without}`}`,
      `DarkCast data: ${report.data.darkcast.found ? report.data.darkcast.dir : 'not found'} (${report.data.darkcast.detail})${report.data.darkcast.found ? '' : `; ${report.data.darkcast.without}`}`,
    ];
    process.stdout.write(lines.join('\n') + '\n');
  });
}
