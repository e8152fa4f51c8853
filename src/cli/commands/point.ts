// `u1x point`: every registered constraint at one (model, m_X, g_X, eps) point.

import { Command, Option } from 'commander';
import { activateConstraints } from '../../constraints/activate.js';
import { E_CHARGE } from '../../physics/constants.js';
import { resolveModel } from '../../models/index.js';
import { parseBackendChoice, selectBackend } from '../../backends/select.js';
import { evaluatePoints } from '../../scan/points.js';
import { UserError } from '../../util/errors.js';
import { backendOption, collectPairs, constraintOptions, dataDirOptions, dataDirsFrom, parseNumber, splitList } from '../common.js';

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
    .addOption(new Option('--mixing <convention>', 'photon | hypercharge').default('photon'))
    .option('--allow-anomalous', 'accept model files that are not anomaly free');
  for (const o of dataDirOptions()) cmd.addOption(o);
  cmd.action(async (opts: PointOptions) => {
    const mx = parseNumber('--mx', opts.mx, { positive: true });
    const gx = parseNumber('--gx', opts.gx, { positive: true });
    if (opts.eps !== undefined && opts.k !== undefined) throw new UserError('give either --eps or --k, not both');
    const axis = opts.k !== undefined ? 'k' : 'eps';
    const mixValue = opts.k !== undefined ? parseNumber('--k', opts.k) : parseNumber('--eps', opts.eps ?? '0', { maxAbs: 1 });
    if (opts.mixing !== 'photon' && opts.mixing !== 'hypercharge') throw new UserError(`--mixing must be photon or hypercharge (got '${opts.mixing}')`);
    const model = resolveModel(opts.model, { allowAnomalous: opts.allowAnomalous });
    const dirs = dataDirsFrom(opts);
    const { active, skipped } = activateConstraints({
      ids: splitList(opts.constraints, '--constraints'),
      datasets: opts.dataset,
      options: constraintOptions(opts.option ?? {}),
      dataDirs: { coherent: dirs.coherent.dir, darkcast: dirs.darkcast.dir },
      mixing: opts.mixing,
    });
    const selected = await selectBackend(parseBackendChoice(opts.backend));
    const objective = new Set(active.filter((a) => a.def.inGlobalFit).map((a) => a.def.id));
    const [res] = await evaluatePoints(selected.backend, [{ model: 0, mx, gx, eps: mixValue }], {
      models: [model], active, objective, mixing: { convention: opts.mixing, axis }, observables: true,
    });
    const eps = axis === 'eps' ? mixValue : undefined;
    const k = axis === 'k' ? mixValue : (mixValue / Math.sqrt(1 - mixValue * mixValue)) * (E_CHARGE / gx);

    if (opts.json) {
      const out = {
        model: { id: model.id, name: model.name, category: model.category, charges: model.charges, c: model.c ?? null },
        point: { mx, gx, eps: eps ?? null, k },
        backend: selected.backend.description,
        constraints: Object.fromEntries(
          active.map((a) => {
            const v = res.constraints[a.def.id];
            return [a.def.id, {
              title: a.def.title, kind: a.def.kind, chi2: v.chi2, excluded: v.excluded, in_total: objective.has(a.def.id),
              not_applicable: v.notApplicable ?? null, observables: v.observables,
              units: a.inst.observableUnits ?? {}, variant: a.inst.variant ?? null, dataset: a.datasetId,
            }];
          }),
        ),
        skipped: Object.fromEntries(skipped.map((s) => [s.def.id, s.reason])),
        chi2_total: res.chi2Total,
        total_terms: [...objective],
      };
      process.stdout.write(JSON.stringify(out, null, 2) + '\n');
      return;
    }

    const lines: string[] = [];
    lines.push(`model ${model.name} (${model.category}${model.c ? `; c_B ${model.c.B}, l = (${model.c.e}, ${model.c.mu}, ${model.c.tau})` : ''})`);
    lines.push(`point m_X = ${fmt(mx)} GeV, g_X = ${fmt(gx)}, ${axis === 'eps' ? `eps = ${fmt(mixValue)} (k = ${fmt(k)})` : `k = ${fmt(k)}`}`);
    lines.push(selected.reason);
    lines.push('');
    const idWidth = Math.max(10, ...active.map((a) => a.def.id.length), ...skipped.map((s) => s.def.id.length));
    lines.push(`${'constraint'.padEnd(idWidth)}  ${'chi2'.padStart(11)}  ${'verdict'.padEnd(9)}  observables`);
    for (const a of active) {
      const v = res.constraints[a.def.id];
      const units = a.inst.observableUnits ?? {};
      const obs = Object.entries(v.observables).map(([n, x]) => `${n} = ${fmt(x)}${units[n] ? ` [${units[n]}]` : ''}`).join(', ');
      if (v.notApplicable) {
        lines.push(`${a.def.id.padEnd(idWidth)}  ${'-'.padStart(11)}  ${'n/a'.padEnd(9)}  not applicable (${v.notApplicable})`);
        continue;
      }
      const verdict = a.def.role === 'preferred' ? (v.excluded ? 'outside' : 'inside') : v.excluded ? 'EXCLUDED' : 'allowed';
      const chi2 = a.def.kind === 'bound' ? (v.excluded ? 'fail' : 'pass') : fmt(v.chi2);
      lines.push(`${a.def.id.padEnd(idWidth)}  ${chi2.padStart(11)}  ${verdict.padEnd(9)}  ${obs}${objective.has(a.def.id) ? '' : ''}`);
    }
    for (const s of skipped) lines.push(`${s.def.id.padEnd(idWidth)}  ${'-'.padStart(11)}  ${'skipped'.padEnd(9)}  ${s.reason}`);
    lines.push('');
    lines.push(`total chi2 = ${fmt(res.chi2Total)}  (${[...objective].join(' + ') || 'no terms'}; SPEC §5.1 global fit)`);
    const preferredNote = active.find((a) => a.def.role === 'preferred');
    if (preferredNote) lines.push(`('inside'/'outside': the ${preferredNote.def.title} 2 sigma band, dataset ${preferredNote.datasetId})`);
    process.stdout.write(lines.join('\n') + '\n');
  });
}
