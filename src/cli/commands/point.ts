// `u1x point`: every registered constraint at one (model, m_X, g_X, eps) point.

import { Command, Option } from 'commander';
import { RADIATIVE_LABEL_ASCII } from '../../constraints/radiative.js';
import { E_CHARGE } from '../../physics/constants.js';
import { checkGx, checkMixing, checkMx } from '../../physics/inputRanges.js';
import { parseBackendChoice } from '../../backends/select.js';
import { selectBackendFor } from '../../scan/autoBackend.js';
import { checkPointMixing, evaluatePointReport } from '../../scan/pointReport.js';
import { NONFINITE_CHI2 } from '../../kernel/compile.js';
import { UserError } from '../../util/errors.js';
import {
  backendOption,
  collectPairs,
  constraintOptions,
  dataDirOptions,
  dataDirsFrom,
  parseNumber,
  splitList,
  u1xBuild,
} from '../common.js';

interface PointOptions {
  model: string;
  mx: string;
  gx: string;
  eps?: string;
  k?: string;
  json?: boolean;
  backend: string;
  constraints?: string;
  dataset?: Record<string, string>;
  option?: Record<string, string>;
  mixing: string;
  allowAnomalous?: boolean;
  coherentData?: string;
  darkcast?: string;
}

function fmt(x: number): string {
  if (x === 0) return '0';
  const a = Math.abs(x);
  return a >= 1e-3 && a < 1e5 ? x.toPrecision(5).replace(/\.?0+$/, '') : x.toExponential(4);
}

export function registerPointCommand(program: Command): void {
  const cmd = program
    .command('point')
    .description('evaluate every constraint at one point: observables, chi2 (or pass/fail), exclusion, total')
    .requiredOption('--model <name|id|file>', 'benchmark name, catalog id, vector expression or model file')
    .requiredOption('--mx <GeV>', 'X mass in GeV')
    .requiredOption('--gx <g>', 'gauge coupling g_X')
    .option('--eps <eps>', 'kinetic mixing with the photon (default 0)')
    .option('--k <k>', 'mixing ratio k = eps_hat e / g_X instead of --eps')
    .option('--json', 'machine-readable output')
    // One point: the float64 reference is exact and starts faster than a GPU device.
    .addOption(backendOption().default('cpu'))
    .option('--constraints <ids>', 'comma-separated constraint ids (default: all)')
    .option('--dataset <family=id>', 'dataset choice, e.g. amu=amu-2025 (repeatable)', collectPairs)
    .option('--option <id.name=value>', 'constraint option, e.g. coherent.response=intended (repeatable)', collectPairs)
    .addOption(
      new Option(
        '--mixing <convention>',
        'photon | hypercharge | radiative (eps = 0 in the UV, k from the lepton loops; SPEC §4.15)',
      ).default('photon'),
    )
    .option('--allow-anomalous', 'accept model files that are not anomaly free');
  for (const o of dataDirOptions()) cmd.addOption(o);
  cmd.action(async (opts: PointOptions) => {
    const mx = parseNumber('--mx', opts.mx, { positive: true });
    const gx = parseNumber('--gx', opts.gx, { positive: true });
    if (opts.eps !== undefined && opts.k !== undefined) throw new UserError('give either --eps or --k, not both');
    if (!['photon', 'hypercharge', 'radiative'].includes(opts.mixing))
      throw new UserError(`--mixing must be photon, hypercharge or radiative (got '${opts.mixing}')`);
    const radiative = opts.mixing === 'radiative';
    if (radiative && (opts.eps !== undefined || opts.k !== undefined))
      throw new UserError('--mixing radiative replaces --eps/--k (k comes from the lepton loops)');
    const axis = radiative ? 'radiative' : opts.k !== undefined ? 'k' : 'eps';
    const mixValue = radiative
      ? 0
      : opts.k !== undefined
        ? parseNumber('--k', opts.k)
        : parseNumber('--eps', opts.eps ?? '0', { maxAbs: 1 });
    const convention = radiative ? 'photon' : (opts.mixing as 'photon' | 'hypercharge');
    checkMx('--mx', mx);
    checkGx('--gx', gx);
    if (axis !== 'radiative') checkMixing(`--${axis}`, axis, mixValue);
    checkPointMixing(axis, mixValue, gx, convention);
    const dirs = dataDirsFrom(opts);
    const report = await evaluatePointReport({
      model: opts.model,
      allowAnomalous: opts.allowAnomalous,
      mx,
      gx,
      mixing: { axis, value: mixValue, convention },
      constraints: splitList(opts.constraints, '--constraints'),
      datasets: opts.dataset,
      options: constraintOptions(opts.option ?? {}),
      dataDirs: { coherent: dirs.coherent.dir, darkcast: dirs.darkcast.dir },
      backend: await selectBackendFor(parseBackendChoice(opts.backend), 'point', { u1xVersion: u1xBuild() }),
    });
    if (opts.json) {
      process.stdout.write(JSON.stringify(report.json, null, 2) + '\n');
      return;
    }
    const { model, active, skipped, objective, res, k, selected } = report;

    const lines: string[] = [];
    lines.push(
      `model ${model.name} (${model.category}${model.c ? `; c_B ${model.c.B}, l = (${model.c.e}, ${model.c.mu}, ${model.c.tau})` : ''})`,
    );
    const mixingText = radiative
      ? `${RADIATIVE_LABEL_ASCII}: k(0) = ${fmt(k)} (eps(0) = ${fmt((k * gx) / E_CHARGE)}); per constraint class: see mixing.*`
      : axis === 'eps'
        ? `eps = ${fmt(mixValue)} (k = ${fmt(k)})`
        : `k = ${fmt(k)}`;
    lines.push(`point m_X = ${fmt(mx)} GeV, g_X = ${fmt(gx)}, ${mixingText}`);
    lines.push(selected.reason);
    lines.push('');
    const idWidth = Math.max(10, ...active.map((a) => a.def.id.length), ...skipped.map((s) => s.def.id.length));
    lines.push(`${'constraint'.padEnd(idWidth)}  ${'chi2'.padStart(11)}  ${'verdict'.padEnd(9)}  observables`);
    for (const a of active) {
      const v = res.constraints[a.def.id];
      const units = a.inst.observableUnits ?? {};
      const obs = [
        ...Object.entries(v.observables).map(([n, x]) => `${n} = ${fmt(x)}${units[n] ? ` [${units[n]}]` : ''}`),
        ...v.nonfiniteObservables.map((n) => `${n} = non-finite`),
      ].join(', ');
      if (v.notApplicable) {
        lines.push(`${a.def.id.padEnd(idWidth)}  ${'-'.padStart(11)}  ${'n/a'.padEnd(9)}  not applicable (${v.notApplicable})`);
        continue;
      }
      const verdict =
        a.def.role === 'info'
          ? 'info'
          : a.def.role === 'preferred'
            ? v.excluded
              ? 'outside'
              : 'inside'
            : v.excluded
              ? 'EXCLUDED'
              : 'allowed';
      const chi2 =
        a.def.role === 'info' ? '-' : a.def.kind === 'bound' ? (v.excluded ? 'fail' : 'pass') : v.nonfinite ? 'non-finite' : fmt(v.chi2);
      lines.push(`${a.def.id.padEnd(idWidth)}  ${chi2.padStart(11)}  ${verdict.padEnd(9)}  ${obs}${objective.has(a.def.id) ? '' : ''}`);
    }
    for (const s of skipped) lines.push(`${s.def.id.padEnd(idWidth)}  ${'-'.padStart(11)}  ${'skipped'.padEnd(9)}  ${s.reason}`);
    lines.push('');
    lines.push(`total chi2 = ${fmt(res.chi2Total)}  (${[...objective].join(' + ') || 'no terms'}; SPEC §5.1 global fit)`);
    if (res.nonfinite > 0) {
      lines.push(
        `${res.nonfinite} constraint(s) had a non-finite chi2 (NaN, Inf or beyond float32): counted as excluded, each adds ${NONFINITE_CHI2.toExponential(0)} to the total`,
      );
    }
    const preferredNote = active.find((a) => a.def.role === 'preferred');
    if (preferredNote) lines.push(`('inside'/'outside': the ${preferredNote.def.title} 2 sigma band, dataset ${preferredNote.datasetId})`);
    process.stdout.write(lines.join('\n') + '\n');
  });
}
