// `u1x kernels --emit DIR`: write the generated kernels for inspection: one point-list kernel per
// constraint, and the grid kernel (profile over eps) of all constraints together, in WGSL and in the
// JavaScript of the float64 reference.

import { mkdirSync, statSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { Command } from 'commander';
import { activateConstraints } from '../../constraints/activate.js';
import { compileKernel } from '../../kernel/compile.js';
import { buildModelData, buildTables } from '../../kernel/layout.js';
import { resolveModel } from '../../models/index.js';
import { UserError } from '../../util/errors.js';
import { dataDirOptions, dataDirsFrom, skippedLines, splitList } from '../common.js';

/** `--emit` must name a directory or a path that does not exist yet; checked before any work. */
function requireDirectoryTarget(dir: string): void {
  let st;
  try {
    st = statSync(dir);
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return;
    throw new UserError(`--emit ${dir}: cannot be used (${(e as NodeJS.ErrnoException).code ?? (e as Error).message})`);
  }
  if (!st.isDirectory()) throw new UserError(`--emit ${dir}: exists and is not a directory`);
}

export function registerKernelsCommand(program: Command): void {
  const cmd = program
    .command('kernels')
    .description('write the generated WGSL (and the float64 JavaScript) of the kernels for inspection')
    .requiredOption('--emit <dir>', 'directory to write the kernels into')
    .option('--constraints <ids>', 'comma-separated constraint ids (default: all)');
  for (const o of dataDirOptions()) cmd.addOption(o);
  cmd.action((opts: { emit: string; constraints?: string; coherentData?: string; darkcast?: string }) => {
    const out = resolve(opts.emit);
    requireDirectoryTarget(out);
    const dirs = dataDirsFrom(opts);
    const { active, skipped } = activateConstraints({
      ids: splitList(opts.constraints, '--constraints'),
      dataDirs: { coherent: dirs.coherent.dir, darkcast: dirs.darkcast.dir },
      mixing: 'photon',
    });
    const modelList = [resolveModel('Lmu-Ltau')];
    const models = buildModelData(modelList, active);
    const tables = buildTables(active, new Float64Array([0.01, 0.1, 1]), modelList);
    try {
      mkdirSync(out, { recursive: true });
    } catch (e) {
      throw new UserError(`--emit ${opts.emit}: cannot create the directory (${(e as NodeJS.ErrnoException).code ?? (e as Error).message})`);
    }
    const mixing = { convention: 'photon' as const, axis: 'eps' as const };
    const written: string[] = [];
    const write = (name: string, text: string) => {
      writeFileSync(join(out, name), text);
      written.push(name);
    };
    for (const a of active) {
      const k = compileKernel({
        mode: { kind: 'points', nPoints: 1, observables: true }, active: [a], objective: new Set([a.def.id]),
        mixing, tables, models, exactMass: false,
      });
      write(`${a.def.id}.points.wgsl`, k.wgsl);
    }
    const objective = new Set(active.filter((a) => a.def.inGlobalFit).map((a) => a.def.id));
    const grid = compileKernel({
      mode: { kind: 'grid', nModels: 1, nMx: 3, nGx: 64, nEps: 64, profileEps: true, prune: true, termsAtBest: false },
      active, objective, mixing, tables, models, exactMass: true,
    });
    write('scan.grid.wgsl', grid.wgsl);
    write('scan.grid.js', `// float64 reference emission of scan.grid.wgsl: body of function (T, M, A, out, base, count)\n${grid.js}\n`);
    process.stdout.write(`wrote ${written.length} kernels to ${out}: ${written.join(', ')}\n`);
    for (const line of skippedLines(skipped)) process.stdout.write(`${line}\n`);
  });
}
