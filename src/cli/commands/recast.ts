// `u1x recast`: DarkCast-style g_X limits of one model from one dark-photon search, per mass
// (RESONANCE_RECAST.md). Scans use the same tables through the kernel; this command is for users who want
// the curves themselves.

import { checkMx } from '../../physics/inputRanges.js';
import { Command, Option } from 'commander';
import { DarkcastDirectory, findDarkcastDir } from '../../io/darkcast/index.js';
import { resolveModel } from '../../models/index.js';
import {
  buildRecastTables,
  DARKCAST_MODELS,
  findDarkcastModel,
  LIMIT_CATALOG,
  recastCurve,
  recastModelFromRecord,
  recastModelWithRadiativeMixing,
  resolveLimit,
  type LimitCatalogEntry,
  type RecastConvention,
  type RecastCurvePoint,
  type RecastModel,
} from '../../physics/darkcast/index.js';
import { UserError } from '../../util/errors.js';
import { checkRadiativeScope, RADIATIVE_LABEL_ASCII } from '../../constraints/radiative.js';

interface RecastOptions {
  model?: string;
  limit: string;
  darkcast?: string;
  eps?: string;
  mixing?: string;
  masses?: string;
  json?: boolean;
  convention: string;
  allowAnomalous?: boolean;
}

export interface RecastIo {
  out: (text: string) => void;
  env: Record<string, string | undefined>;
}

const DEFAULT_IO: RecastIo = { out: (s) => process.stdout.write(s), env: process.env };

function finiteNumber(name: string, raw: string): number {
  const v = Number(raw);
  if (raw.trim() === '' || !Number.isFinite(v)) throw new UserError(`${name} must be a finite number (got '${raw}')`);
  return v;
}

function parseMasses(raw: string): Float64Array {
  const values = raw
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean)
    .map((s) => finiteNumber('--masses', s));
  if (values.length === 0) throw new UserError('--masses needs at least one mass in GeV');
  for (const m of values) if (!(m > 0)) throw new UserError(`--masses must be positive GeV values (got ${m})`);
  for (const m of values) checkMx('--masses', m);
  return Float64Array.from(values);
}

function resolveEntry(query: string): LimitCatalogEntry {
  const found = resolveLimit(query);
  if (found.entry) return found.entry;
  if (found.candidates.length > 1) {
    throw new UserError(`--limit '${query}' is ambiguous: ${found.candidates.map((e) => e.id).join(', ')}`);
  }
  throw new UserError(`unknown limit '${query}'; run 'u1x recast --limit list' for the ids`);
}

/**
 * DarkCast's built-in models by name (dark_photon, B-L, B, protophobic, Lmu-Ltau, Le-Lmu, Le-Ltau, also as
 * `<name>_boson` or `darkcast:<name>`), with its loop-induced κ(m); anything else, or a `u1x:` prefix, goes
 * to u1x's model resolver (benchmarks, catalog ids, vector expressions, model files).
 */
function resolveRecastModel(spec: string, allowAnomalous: boolean, radiative: boolean): { model: RecastModel; source: string } {
  const text = spec.trim();
  if (!/^u1x:/i.test(text)) {
    const builtin = findDarkcastModel(text);
    if (builtin && radiative) {
      throw new UserError(
        `--mixing radiative is for u1x models: DarkCast's ${builtin.name} carries its own mixing (use u1x:${builtin.name} for u1x's)`,
      );
    }
    if (builtin) return { model: builtin, source: 'DarkCast built-in' };
    if (/^darkcast:/i.test(text)) {
      throw new UserError(`unknown DarkCast model '${text}'; built-ins: ${DARKCAST_MODELS.map((m) => m.name).join(', ')}`);
    }
  }
  const scanModel = resolveModel(text.replace(/^u1x:/i, ''), { allowAnomalous });
  if (radiative) {
    checkRadiativeScope([scanModel]);
    return { model: recastModelWithRadiativeMixing(scanModel.name, scanModel.record), source: `u1x model ${scanModel.id}` };
  }
  return { model: recastModelFromRecord(scanModel.name, scanModel.record), source: `u1x model ${scanModel.id}` };
}

function fmt(x: number): string {
  return x.toExponential(4);
}

function jsonRows(curve: RecastCurvePoint[]): object[] {
  return curve.map(({ mx, bands }) => {
    if (bands.length === 0) return { mx, excluded_from: null, excluded_to: null };
    if (bands.length === 1) return { mx, excluded_from: bands[0].from, excluded_to: bands[0].to };
    return { mx, excluded_from: bands.map((b) => b.from), excluded_to: bands.map((b) => b.to) };
  });
}

function textTable(curve: RecastCurvePoint[], header: string[]): string {
  const lines = header.map((h) => `# ${h}`);
  lines.push(`#${'mass'.padStart(11)} ${'from'.padStart(11)} ${'to'.padStart(11)}`);
  for (const { mx, bands } of curve) {
    if (bands.length === 0) lines.push(` ${fmt(mx)} ${'-'.padStart(11)} ${'-'.padStart(11)}`);
    for (const b of bands) lines.push(` ${fmt(mx)} ${fmt(b.from)} ${(b.to === null ? 'inf' : fmt(b.to)).padStart(11)}`);
  }
  return `${lines.join('\n')}\n`;
}

function listLimits(io: RecastIo, json: boolean): void {
  if (json) {
    io.out(
      `${JSON.stringify(
        LIMIT_CATALOG.map((e) => ({
          id: e.id,
          darkcast: e.stem,
          experiment: e.experiment,
          category: e.category,
          layout: e.layout,
          production: e.production,
          decay: e.decay,
          efficiency: e.efficiency,
          reference: e.reference,
          u1x_override: e.u1xOverride?.reason ?? null,
        })),
        null,
        2,
      )}\n`,
    );
    return;
  }
  const rows = LIMIT_CATALOG.map((e) => {
    const prod =
      e.production.kind === 'fixed'
        ? Object.entries(e.production.fractions)
            .filter(([, f]) => f > 0)
            .map(([k]) => k)
            .join('+')
        : `${e.production.prdStem}.prd`;
    return [e.id, e.stem, e.category, e.layout, prod, e.decay.join('+'), e.u1xOverride ? 'u1x override' : ''];
  });
  const widths = rows[0].map((_, c) => Math.max(...rows.map((r) => r[c].length)));
  io.out(
    `${rows
      .map((r) =>
        r
          .map((v, c) => v.padEnd(widths[c]))
          .join('  ')
          .trimEnd(),
      )
      .join('\n')}\n`,
  );
}

export function registerRecastCommand(program: Command, io: RecastIo = DEFAULT_IO): void {
  program
    .command('recast')
    .description('g_X limits of a model from one DarkCast dark-photon limit, per mass (list the ids with --limit list)')
    .requiredOption('--limit <id>', "limit id or unique prefix (e.g. babar_2014), a DarkCast file stem, or 'list'")
    .option(
      '--model <name>',
      'DarkCast built-in (dark_photon, B-L, B, protophobic, Lmu-Ltau, Le-Lmu, Le-Ltau) or a u1x model (u1x:<name|id|expression|file>)',
    )
    .option(
      '--darkcast <dir>',
      'DarkCast data directory with limits/ and vmd/ instead of the bundled data/external/darkcast-1.2 (or $U1X_DARKCAST)',
    )
    .option('--eps <value>', 'fixed kinetic mixing added to the model: g_f = g_X x_f + eps e Q_f (default 0)')
    .option(
      '--mixing <kind>',
      "radiative: eps = 0 in the UV, the lepton loops' k_rad(m_X²) in DarkCast's modulus convention (u1x models without quark charges; SPEC §4.15)",
    )
    .option('--masses <list>', "comma-separated masses in GeV (default: the limit's tabulated masses)")
    .addOption(
      new Option(
        '--convention <name>',
        "u1x (physical: invisible = νν̄ + dark, BaBar 2016 as a muon-coupling bound) or darkcast (reproduces DarkCast's recast files)",
      )
        .choices(['u1x', 'darkcast'])
        .default('u1x'),
    )
    .option('--allow-anomalous', 'accept u1x model files that are not anomaly free')
    .option('--json', 'one JSON object per mass: {mx, excluded_from, excluded_to}')
    .action((opts: RecastOptions) => {
      if (opts.limit.trim().toLowerCase() === 'list') {
        listLimits(io, Boolean(opts.json));
        return;
      }
      const entry = resolveEntry(opts.limit);
      if (!opts.model) throw new UserError('--model is required (except with --limit list)');
      if (opts.mixing !== undefined && opts.mixing !== 'radiative')
        throw new UserError(`--mixing must be radiative (got '${opts.mixing}'); a fixed mixing is --eps`);
      const radiative = opts.mixing === 'radiative';
      if (radiative && opts.eps !== undefined) throw new UserError('--mixing radiative replaces --eps');
      const { model, source } = resolveRecastModel(opts.model, Boolean(opts.allowAnomalous), radiative);
      const eps = opts.eps === undefined ? 0 : finiteNumber('--eps', opts.eps);
      if (!(Math.abs(eps) < 1)) throw new UserError(`--eps must satisfy |eps| < 1 (got ${eps})`);
      const lookup = findDarkcastDir({ option: opts.darkcast, env: io.env });
      if (lookup.dir === null) throw new UserError(`cannot recast ${entry.id}: ${lookup.reason}`);
      const data = DarkcastDirectory.open(lookup.dir);
      const masses = opts.masses ? parseMasses(opts.masses) : data.limitTable(entry.stem).masses;
      const convention = opts.convention as RecastConvention;
      const tables = buildRecastTables(entry, masses, data, { convention });
      const curve = recastCurve(tables, model, { eps });
      if (opts.json) {
        io.out(`${JSON.stringify(jsonRows(curve), null, 1)}\n`);
        return;
      }
      const ref = entry.reference;
      io.out(
        textTable(curve, [
          `u1x recast of ${entry.id} (DarkCast ${entry.stem}; ${ref.inspire}${ref.arxiv ? `, arXiv:${ref.arxiv}` : ''})`,
          radiative
            ? `model ${model.name} (${source}), convention ${convention}, ${RADIATIVE_LABEL_ASCII}: k = |k_rad(m_X^2)| (DarkCast's modulus convention)`
            : `model ${model.name} (${source}), convention ${convention}, eps = ${eps}`,
          ...(convention === 'u1x' && entry.u1xOverride ? [`u1x treatment: ${entry.u1xOverride.reason}`] : []),
          "excluded g_X per mass: from .. to ('-' nothing excluded, 'inf' everything above excluded)",
        ]),
      );
    });
}
