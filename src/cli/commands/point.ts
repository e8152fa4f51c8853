// `u1x point`: every registered constraint at one (model, m_X, g_X, eps) point.

import { Command, Option } from 'commander';
import { activateConstraints } from '../../constraints/activate.js';
import { checkRadiativeScope, RADIATIVE_LABEL_ASCII, RADIATIVE_MIXING_ID } from '../../constraints/radiative.js';
import { CW, E_CHARGE } from '../../physics/constants.js';
import { checkGx, checkMixing, checkMx } from '../../physics/inputRanges.js';
import { resolveModel } from '../../models/index.js';
import { parseBackendChoice } from '../../backends/select.js';
import { selectBackendFor } from '../../scan/autoBackend.js';
import { evaluatePoints } from '../../scan/points.js';
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
  u1xVersion,
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

/**
 * The --eps value equivalent to a --k value (constraints/couplings.ts): photon mixing eps with
 * eps_hat = eps / sqrt(1 - eps^2) = k g_X / e; hypercharge mixing eps_Y = k g_X / (e c_W).
 */
function epsFromK(k: number, gx: number, convention: 'photon' | 'hypercharge'): number {
  if (convention === 'hypercharge') return (k * gx) / (E_CHARGE * CW);
  const epsHat = (k * gx) / E_CHARGE;
  return epsHat / Math.sqrt(1 + epsHat * epsHat);
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
    // The kinetic mixing the point means (SPEC §2.3/§2.4, constraints/couplings.ts): with --k the
    // hypercharge mixing eps_Y = k g_X / (e c_W) must stay below 1 like --eps does.
    const givenEps = axis === 'eps' ? mixValue : axis === 'k' ? epsFromK(mixValue, gx, convention) : 0;
    if (!(Math.abs(givenEps) < 1))
      throw new UserError(`--k: k = ${mixValue} at g_X = ${gx} means |eps| >= 1 (${opts.mixing} mixing); lower k or g_X`);
    const model = resolveModel(opts.model, { allowAnomalous: opts.allowAnomalous });
    if (radiative) checkRadiativeScope([model]);
    const dirs = dataDirsFrom(opts);
    const { active, skipped } = activateConstraints({
      ids: splitList(opts.constraints, '--constraints'),
      datasets: opts.dataset,
      options: constraintOptions(opts.option ?? {}),
      dataDirs: { coherent: dirs.coherent.dir, darkcast: dirs.darkcast.dir },
      mixing: convention,
      radiative,
    });
    const selected = await selectBackendFor(parseBackendChoice(opts.backend), 'point', { u1xVersion: u1xVersion() });
    const objective = new Set(active.filter((a) => a.def.inGlobalFit).map((a) => a.def.id));
    const [res] = await evaluatePoints(selected.backend, [{ model: 0, mx, gx, eps: mixValue }], {
      models: [model],
      active,
      objective,
      mixing: { convention, axis },
      observables: true,
    });
    // Radiative: the zero-momentum k and eps (the per-class values are the mixing.* observables).
    const k = radiative
      ? res.constraints[RADIATIVE_MIXING_ID].observables.k0
      : axis === 'k'
        ? mixValue
        : (mixValue / Math.sqrt(1 - mixValue * mixValue)) * (E_CHARGE / gx);
    // eps_hat = eps / sqrt(1 - eps^2) (SPEC §2.2), inverted for the radiative eps_hat(0).
    const epsHat0 = radiative ? res.constraints[RADIATIVE_MIXING_ID].observables.eps0 : 0;
    const eps = radiative ? epsHat0 / Math.sqrt(1 + epsHat0 * epsHat0) : givenEps;

    if (opts.json) {
      const out = {
        model: { id: model.id, name: model.name, category: model.category, charges: model.charges, c: model.c ?? null },
        point: { mx, gx, eps, k, mixing: radiative ? RADIATIVE_LABEL_ASCII : convention },
        backend: selected.backend.description,
        constraints: Object.fromEntries(
          active.map((a) => {
            const v = res.constraints[a.def.id];
            return [
              a.def.id,
              {
                title: a.def.title,
                kind: a.def.kind,
                chi2: v.chi2,
                excluded: v.excluded,
                in_total: objective.has(a.def.id),
                nonfinite: v.nonfinite,
                not_applicable: v.notApplicable ?? null,
                observables: v.observables,
                nonfinite_observables: v.nonfiniteObservables,
                units: a.inst.observableUnits ?? {},
                variant: a.inst.variant ?? null,
                dataset: a.datasetId,
              },
            ];
          }),
        ),
        skipped: Object.fromEntries(skipped.map((s) => [s.def.id, s.reason])),
        chi2_total: res.chi2Total,
        total_terms: [...objective],
        nonfinite: res.nonfinite,
      };
      process.stdout.write(JSON.stringify(out, null, 2) + '\n');
      return;
    }

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
