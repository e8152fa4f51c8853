// `u1x tables build [--only ccfr] [--out DIR]`: regenerate the offline coefficient tables that are
// committed under data/tables/ (each with its generator, settings and seeds in the file header).
// Files are written atomically (temporary name + rename).

import { mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { Command } from 'commander';
import { writeFileAtomic } from '../../io/atomic.js';
import { buildCcfrTridentTable, formatTable } from '../../physics/trident/buildTable.js';
import type { TridentTable } from '../../physics/trident/table.js';
import { UserError } from '../../util/errors.js';

interface TableBuilder {
  id: string;
  file: string;
  description: string;
  build(opts: BuildCliOptions, log: (msg: string) => void): TridentTable;
}

interface BuildCliOptions {
  only?: string;
  out: string;
  quick?: boolean;
  sensitivity?: boolean;
  events?: string;
  seed?: string;
}

function positiveInt(name: string, raw: string | undefined): number | undefined {
  if (raw === undefined) return undefined;
  const v = Number(raw);
  if (!Number.isInteger(v) || v <= 0) throw new UserError(`${name} must be a positive integer (got '${raw}')`);
  return v;
}

const BUILDERS: TableBuilder[] = [
  {
    id: 'ccfr',
    file: 'ccfr-trident.json',
    description: 'CCFR neutrino-trident coefficients a_V, a_A, b_VV, b_AA, b_VA vs m_X (SPEC §4.3)',
    build: (o, log) => {
      const events = positiveInt('--events', o.events);
      const seed = positiveInt('--seed', o.seed);
      return buildCcfrTridentTable({
        quick: o.quick,
        sensitivity: o.sensitivity,
        settings: { ...(events ? { events } : {}), ...(seed ? { seed } : {}) },
        log,
      });
    },
  },
];

export function registerTablesCommand(program: Command): void {
  const tables = program.command('tables').description('offline coefficient tables (data/tables/)');
  tables
    .command('build')
    .description('regenerate coefficient tables: ' + BUILDERS.map((b) => `${b.id} (${b.description})`).join('; '))
    .option('--only <ids>', `comma-separated table ids (${BUILDERS.map((b) => b.id).join(', ')}); default: all`)
    .option('--out <dir>', 'output directory', 'data/tables')
    .option('--quick', 'reduced statistics (seconds; for smoke tests, not for committing)')
    .option('--sensitivity', 'also re-run with varied supplied inputs and record the effect in the header (minutes)')
    .option('--events <n>', "Monte Carlo events (default: the committed table's setting)")
    .option('--seed <n>', "random seed (default: the committed table's seed)")
    .action((opts: BuildCliOptions) => {
      const wanted = opts.only
        ? opts.only
            .split(',')
            .map((s) => s.trim())
            .filter(Boolean)
        : BUILDERS.map((b) => b.id);
      for (const id of wanted) {
        if (!BUILDERS.some((b) => b.id === id)) {
          throw new UserError(`unknown table '${id}' (known: ${BUILDERS.map((b) => b.id).join(', ')})`);
        }
      }
      const outDir = resolve(opts.out);
      mkdirSync(outDir, { recursive: true });
      for (const b of BUILDERS.filter((x) => wanted.includes(x.id))) {
        const t0 = Date.now();
        const log = (msg: string) => process.stderr.write(`[${((Date.now() - t0) / 1000).toFixed(1)} s] ${msg}\n`);
        const table = b.build(opts, log);
        const path = join(outDir, b.file);
        writeFileAtomic(path, formatTable(table));
        process.stdout.write(`wrote ${path} (${((Date.now() - t0) / 1000).toFixed(1)} s)\n`);
      }
    });
}
