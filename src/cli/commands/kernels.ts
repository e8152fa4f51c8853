// `u1x kernels --emit DIR`: write the generated kernels for inspection: one point-list kernel per
// constraint, and the grid kernel (profile over eps) of all constraints together, in WGSL and in the
// JavaScript of the float64 reference.

import { mkdirSync, statSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { Command } from 'commander';
import { activateConstraints } from '../../constraints/activate.js';
import { buildKernel } from '../../kernel/session.js';
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
    const models = [resolveModel('Lmu-Ltau')];
    try {
      mkdirSync(out, { recursive: true });
    } catch (e) {
      throw new UserError(
        `--emit ${opts.emit}: cannot create the directory (${(e as NodeJS.ErrnoException).code ?? (e as Error).message})`,
      );
    }
    const mixing = { convention: 'photon' as const, axis: 'eps' as const };
    const written: string[] = [];
    const write = (name: string, text: string) => {
      writeFileSync(join(out, name), text);
      written.push(name);
    };
    // Tables at three masses, interpolated (the point kernels) or exact (the grid kernel over those masses).
    const nodes = new Float64Array([0.01, 0.1, 1]);
    for (const a of active) {
      const { kernel } = buildKernel({
        constraints: [a],
        objective: new Set([a.def.id]),
        models,
        masses: { nodes, exact: false },
        mode: { kind: 'points', points: [], observables: true },
        mixing,
      });
      write(`${a.def.id}.points.wgsl`, kernel.wgsl);
    }
    const objective = new Set(active.filter((a) => a.def.inGlobalFit).map((a) => a.def.id));
    const { kernel: grid } = buildKernel({
      constraints: active,
      objective,
      models,
      mode: { kind: 'grid', mx: nodes, gx: new Float64Array(64).fill(1e-3), mix: new Float64Array(64), profile: true, prune: true },
      mixing,
    });
    write('scan.grid.wgsl', grid.wgsl);
    write('scan.grid.js', `// float64 reference emission of scan.grid.wgsl: body of function (T, M, A, out, base, count)\n${grid.js}\n`);
    process.stdout.write(`wrote ${written.length} kernels to ${out}: ${written.join(', ')}\n`);
    for (const line of skippedLines(skipped)) process.stdout.write(`${line}\n`);
  });
}
