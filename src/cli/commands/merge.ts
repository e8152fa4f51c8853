// `u1x merge SHARD_DIR... --out DIR`: join the shards of a grid scan (`u1x scan --shard I/N`) into the
// output a single-machine run writes (src/scan/merge.ts).

import { resolve } from 'node:path';
import type { Command } from 'commander';
import { mergeShards } from '../../scan/merge.js';
import { UserError } from '../../util/errors.js';
import { PACKAGE_ROOT } from '../common.js';

export function registerMergeCommand(program: Command): void {
  program
    .command('merge')
    .description('join the shard directories of one grid scan (u1x scan --shard I/N) into its single-machine output')
    .argument('<shard-dirs...>', 'every shard directory of the scan, in any order')
    .option('--out <dir>', 'output directory (required)')
    .option('--force', 'replace an existing output written by u1x')
    .action(async (dirs: string[], opts: { out?: string; force?: boolean }) => {
      if (!opts.out) throw new UserError('merge: --out DIR is required');
      const log = (line: string) => process.stderr.write(`${line}\n`);
      const r = await mergeShards({
        shardDirs: dirs,
        outDir: resolve(opts.out),
        force: opts.force ?? false,
        installRoot: PACKAGE_ROOT,
        log,
      });
      log(`merged ${r.shards} shard(s) into ${r.outDir} (${r.seconds.toFixed(2)} s)`);
    });
}
