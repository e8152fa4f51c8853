// `u1x models`: the model catalog (SPEC §3.5), the benchmarks (SPEC §3.7) and single-model details.
import { Command, InvalidArgumentError, Option } from 'commander';
import {
  alphaR,
  benchmarkModel,
  BENCHMARKS,
  buildCatalog,
  catalogEntries,
  catalogIdOf,
  checkAnomalies,
  COUPLING_FIELDS,
  defaultThreadCount,
  describeAnomalies,
  enumerateChargeSetsParallel,
  exactChargesOf,
  getCatalog,
  MAX_CHARGE_LIMIT,
  resolveModels,
  type CatalogCounts,
  type CatalogEntry,
  type CategorySelector,
  type ScanModel,
  type VectorCoefficients,
} from '../../models/index.js';
import { UserError } from '../../util/errors.js';

export interface CommandIo {
  write: (text: string) => void;
}

interface ModelsOptions {
  maxCharge: number;
  category: CategorySelector;
  json?: boolean;
  csv?: boolean;
  count?: boolean;
  sets?: boolean;
  benchmarks?: boolean;
  model?: string;
  allowAnomalous?: boolean;
  threads: number | 'auto';
}

type Cell = string | number | null;
type Row = Record<string, Cell>;

function parseMaxCharge(v: string): number {
  const n = Number(v);
  if (!/^\d+$/.test(v.trim()) || n > MAX_CHARGE_LIMIT) {
    throw new InvalidArgumentError(`Expected an integer from 0 to ${MAX_CHARGE_LIMIT}.`);
  }
  return n;
}

function parseThreads(v: string): number | 'auto' {
  if (v === 'auto') return 'auto';
  if (!/^[1-9]\d*$/.test(v.trim())) throw new InvalidArgumentError("Expected a positive integer or 'auto'.");
  return Number(v);
}

/** Rounded for display; NaN (undefined alpha) -> null, infinite R -> 'inf' (JSON has no infinity). */
const rounded = (x: number, digits: number): Cell =>
  Number.isNaN(x) ? null : !Number.isFinite(x) ? (x > 0 ? 'inf' : '-inf') : +x.toFixed(digits);
const spaced = (t: readonly number[]) => t.join(' ');
const coefficients = (c: VectorCoefficients) => `${c.B}; ${c.e} ${c.mu} ${c.tau}`;

/** Benchmarks that are also catalog models, by catalog id, so listings can name them. */
function benchmarksByCatalogId(): Map<string, string> {
  const m = new Map<string, string>();
  for (const b of BENCHMARKS) {
    const id = catalogIdOf(b.charges());
    if (id && !m.has(id)) m.set(id, b.key);
  }
  return m;
}

function entryRow(e: CatalogEntry, aka: Map<string, string>): Row {
  const ar = e.c ? alphaR(e.c) : undefined;
  return {
    id: e.id,
    name: e.name,
    category: e.category,
    class: e.classLabel,
    xq: e.xq,
    L: spaced(e.L),
    E: spaced(e.E),
    N: spaced(e.N),
    c: e.c ? coefficients(e.c) : null,
    alpha_deg: ar ? rounded(ar.alphaDeg, 3) : null,
    R: ar ? rounded(ar.R, 4) : null,
    benchmark: aka.get(e.id) ?? null,
  };
}

/** JSON keeps the structure: charges per species, c as an object. */
function entryJson(e: CatalogEntry, aka: Map<string, string>): object {
  const ar = e.c ? alphaR(e.c) : undefined;
  const q = [e.xq, e.xq, e.xq];
  return {
    id: e.id,
    name: e.name,
    category: e.category,
    class: e.classLabel,
    charges: { Q: q, U: q, D: q, L: e.L, E: e.E, N: e.N },
    ...(e.c ? { c: e.c } : {}),
    ...(ar ? { alphaDeg: rounded(ar.alphaDeg, 6), R: rounded(ar.R, 8) } : {}),
    ...(aka.has(e.id) ? { benchmark: aka.get(e.id) } : {}),
  };
}

/** One CSV column per entry of a triple (`L_e`, `L_mu`, ... or `N_1`, ...), the layout pandas reads best. */
const perEntry = (k: string, t: readonly number[], names = ['e', 'mu', 'tau']) =>
  Object.fromEntries(names.map((n, i) => [`${k}_${n}`, t[i]]));

function csvRow(e: CatalogEntry, aka: Map<string, string>): Row {
  const ar = e.c ? alphaR(e.c) : undefined;
  return {
    id: e.id,
    name: e.name,
    category: e.category,
    class: e.classLabel,
    xq: e.xq,
    ...perEntry('L', e.L),
    ...perEntry('E', e.E),
    ...perEntry('N', e.N, ['1', '2', '3']),
    cB: e.c?.B ?? null,
    ce: e.c?.e ?? null,
    cmu: e.c?.mu ?? null,
    ctau: e.c?.tau ?? null,
    alpha_deg: ar ? rounded(ar.alphaDeg, 6) : null,
    R: ar ? rounded(ar.R, 8) : null,
    benchmark: aka.get(e.id) ?? null,
  };
}

function table(rows: Row[]): string {
  if (rows.length === 0) return '(none)\n';
  const cols = Object.keys(rows[0]);
  const text = (c: Cell) => (c === null ? '-' : String(c));
  const width = cols.map((k) => Math.max(k.length, ...rows.map((r) => text(r[k]).length)));
  const line = (cells: string[]) =>
    cells
      .map((c, i) => c.padEnd(width[i]))
      .join('  ')
      .trimEnd();
  return [line(cols), ...rows.map((r) => line(cols.map((k) => text(r[k]))))].join('\n') + '\n';
}

function csv(rows: Row[]): string {
  if (rows.length === 0) return '';
  const cols = Object.keys(rows[0]);
  const cell = (c: Cell) => {
    const s = c === null ? '' : String(c);
    return /[",\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
  };
  return [cols.join(','), ...rows.map((r) => cols.map((k) => cell(r[k])).join(','))].join('\n') + '\n';
}

function countsText(c: CatalogCounts): string {
  const v = c.vectorClasses;
  return (
    [
      `max charge ${c.maxCharge}: integer charges in [-${c.maxCharge}, ${c.maxCharge}] (SPEC §3.5)`,
      `charge sets (up to family permutations, overall sign and rescaling): ${c.sets}`,
      `  vector: ${c.vectorSets}  (class 1: ${v.class1}, class 2: ${v.class2}, both: ${v.both}, class 3: ${v.class3})`,
      `  chiral: ${c.chiralSets}  (b = (b1, -2 b1, b1): ${c.chiralPatterns['b-pattern']}, other: ${c.chiralPatterns.sporadic})`,
      `  with flavour-universal charged leptons: ${c.flavourUniversalLeptonSets}`,
      `phenomenologically distinct models:`,
      `  vector: ${c.vectorModels}  (${c.vectorModelsWithoutRescaling} without rescaling, ` +
        `${c.vectorModelsWithoutSignIdentification} without sign identification)`,
      `  chiral: ${c.chiralModels}  (rank-paired (L, E), one per assignment to e, mu, tau)`,
    ].join('\n') + '\n'
  );
}

function detailText(m: ScanModel): string {
  const exact = exactChargesOf(m);
  const shown = (s: keyof ScanModel['charges']) =>
    exact ? exact[s].map(String).join(', ') : m.charges[s].map((x) => +x.toPrecision(12)).join(', ');
  const catalogId = exact ? catalogIdOf(exact) : undefined;
  const lines = [
    `${m.name}  (id ${m.id}, ${m.category}${catalogId && catalogId !== m.id ? `, catalog id ${catalogId}` : ''})`,
    ...(['Q', 'U', 'D', 'L', 'E', 'N'] as const).map((s) => `  ${s}: ${shown(s)}`),
  ];
  if (m.c) {
    const ar = alphaR(m.c);
    lines.push(`  c (B; e, mu, tau): ${coefficients(m.c)}`);
    lines.push(`  alpha = ${rounded(ar.alphaDeg, 3) ?? 'undefined'} deg, R = ${rounded(ar.R, 6) ?? 'undefined'}`);
  }
  if (exact) lines.push(`  anomalies: ${describeAnomalies(checkAnomalies(exact))}`);
  lines.push(`  coupling record: ${COUPLING_FIELDS.map((f) => `${f}=${+m.record[f].toPrecision(12)}`).join(' ')}`);
  return lines.join('\n') + '\n';
}

async function run(opts: ModelsOptions, io: CommandIo): Promise<void> {
  if (opts.json && opts.csv) throw new UserError('choose one of --json and --csv');
  const format = opts.json ? 'json' : opts.csv ? 'csv' : 'table';
  const emit = (rows: Row[], json: unknown, csvRows: Row[] = rows) =>
    io.write(format === 'json' ? JSON.stringify(json, null, 2) + '\n' : format === 'csv' ? csv(csvRows) : table(rows));

  if (opts.model !== undefined) {
    const models = resolveModels(opts.model, { allowAnomalous: opts.allowAnomalous });
    if (format === 'table') for (const m of models) io.write(detailText(m));
    else
      emit(
        models.map((m) => ({ id: m.id, name: m.name, category: m.category, ...m.record })),
        models,
      );
    return;
  }
  if (opts.benchmarks) {
    const rows = BENCHMARKS.map((b): Row => {
      const m = benchmarkModel(b);
      const ar = m.c ? alphaR(m.c) : undefined;
      return {
        benchmark: b.key,
        category: m.category,
        c: m.c ? coefficients(m.c) : null,
        alpha_deg: ar ? rounded(ar.alphaDeg, 3) : null,
        R: ar ? rounded(ar.R, 4) : null,
        catalog_id: catalogIdOf(b.charges()) ?? null,
        aliases: b.aliases.join(' ') || null,
        source: b.source,
      };
    });
    emit(rows, rows);
    return;
  }
  if (opts.count) {
    const threads = opts.threads === 'auto' ? defaultThreadCount(opts.maxCharge) : opts.threads;
    const t0 = performance.now();
    const counts = buildCatalog(opts.maxCharge, await enumerateChargeSetsParallel(opts.maxCharge, threads)).counts;
    const ms = performance.now() - t0;
    if (format === 'table') {
      const search = `search on ${threads} thread${threads === 1 ? '' : 's'}`;
      io.write(countsText(counts) + `${search} and expansion into models: ${ms.toFixed(0)} ms\n`);
    } else {
      const { vectorClasses: v, chiralPatterns: p, ...flat } = counts;
      const row: Row = {
        ...flat,
        class1: v.class1,
        class2: v.class2,
        both: v.both,
        class3: v.class3,
        chiralBPattern: p['b-pattern'],
        chiralSporadic: p.sporadic,
        elapsedMs: +ms.toFixed(1),
        threads,
      };
      emit([row], { ...counts, elapsedMs: +ms.toFixed(1), threads });
    }
    return;
  }
  if (opts.sets) {
    const sets = getCatalog(opts.maxCharge).sets.filter((s) => opts.category === 'all' || s.category === opts.category);
    const rows = sets.map((s): Row => ({
      category: s.category,
      class: s.classLabel,
      xq: s.xq,
      L: spaced(s.L),
      E: spaced(s.E),
      N: spaced(s.N),
    }));
    // A set's triples are sorted multisets, not flavours: columns 1, 2, 3.
    const csvRows = sets.map((s): Row => ({
      category: s.category,
      class: s.classLabel,
      xq: s.xq,
      ...perEntry('L', s.L, ['1', '2', '3']),
      ...perEntry('E', s.E, ['1', '2', '3']),
      ...perEntry('N', s.N, ['1', '2', '3']),
    }));
    emit(rows, sets, csvRows);
    return;
  }
  const aka = benchmarksByCatalogId();
  const entries = catalogEntries(opts.maxCharge, opts.category);
  emit(
    entries.map((e) => entryRow(e, aka)),
    entries.map((e) => entryJson(e, aka)),
    entries.map((e) => csvRow(e, aka)),
  );
}

const HELP_AFTER = `
Model ids are stable: they are built from the canonical integer charges, never from list order.
  vector  v:cB:le:lmu:ltau                       e.g. v:0:0:1:-1 is L_mu - L_tau
  chiral  c:cB:Le:Lmu:Ltau:Ee:Emu:Etau:N1:N2:N3  per flavour e, mu, tau; N sorted
cB = 3 x_q is the nucleon charge; (x_q, leptons[, N]) is the primitive integer tuple, signed so that
x_q > 0 when quarks are charged. Vector coefficients follow x_f = cB B + ce Le + cmu Lmu + ctau Ltau
(SPEC §3.3). Chiral sets pair the i-th smallest L with the i-th smallest E charge (the pairing of every
chiral set in MF Table 1) and list every assignment of the three pairs to e, mu, tau.
--model takes a benchmark (see --benchmarks), a catalog id, a vector expression such as
3B-6Le-3Ltau+2(Lmu-Ltau), a .json/.yaml model file, or a comma-separated list of these.`;

export function registerModelsCommand(program: Command, io: CommandIo = { write: (t) => void process.stdout.write(t) }): Command {
  return program
    .command('models')
    .description('list the catalog of anomaly-free U(1)_X models, their counts, the benchmarks, or one model in detail')
    .option('--max-charge <N>', 'integer charges in [-N, N] (SPEC §3.5)', parseMaxCharge, 10)
    .addOption(new Option('--category <category>', 'which models to list').choices(['vector', 'chiral', 'all']).default('all'))
    .option('--count', 'print the counts (sets, vector/chiral, classes, distinct models) and the run time')
    .option('--sets', 'list the charge sets (up to family permutations) instead of flavour-ordered models')
    .option('--benchmarks', 'list the named benchmark models (SPEC §3.7)')
    .option('--model <models>', 'show the given models in detail (charges, anomalies, coupling record)')
    .option('--allow-anomalous', 'with --model: accept models that fail an anomaly condition')
    .option('--threads <n>', "worker threads for --count ('auto': several only where that is faster)", parseThreads, 'auto')
    .option('--json', 'print JSON')
    .option('--csv', 'print CSV')
    .addHelpText('after', HELP_AFTER)
    .action((opts: ModelsOptions) => run(opts, io));
}
