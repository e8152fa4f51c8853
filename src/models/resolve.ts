// Turning what the user typed after --model into ScanModels: a benchmark name, a catalog id, a vector
// expression, or a model file; lists and catalog selectors for several at once.
import { checkCharge } from '../physics/inputRanges.js';
import { extname } from 'node:path';
import { requireAnomalyFree } from './anomaly.js';
import { benchmarkModel, BENCHMARKS, findBenchmark, findBenchmarkFamily } from './benchmarks.js';
import { catalogEntryToScanModel, catalogModels, type CategorySelector } from './catalog.js';
import { catalogEntryOf } from './catalogId.js';
import { hasVectorLeptons, universalAssignment, vectorAssignment, type Triple } from './charges.js';
import { checkMaxCharge } from './enumerate.js';
import { parseModelId, type ParsedId } from './ids.js';
import { loadModelFile, MODEL_FILE_EXTENSIONS } from './modelFile.js';
import { Rational } from './rational.js';
import { scanModelFromAssignment } from './scanModel.js';
import type { ScanModel } from './types.js';
import { parseVectorExpression, vectorModelName, type ExactVector } from './vectorNames.js';
import { UserError } from '../util/errors.js';

export interface ResolveOptions {
  allowAnomalous?: boolean;
  /** Directory that relative model-file paths are read from (default: the process's). */
  cwd?: string;
}

const KNOWN = `benchmark (${BENCHMARKS.map((b) => b.key).join(', ')})`;

/**
 * A catalog id, normalised: any scale or sign of the same charges gives the catalog's own entry
 * (its id, name and integer charges), also for charges beyond the N = 10 catalog.
 */
function modelFromId(text: string, id: ParsedId, opts: ResolveOptions): ScanModel {
  const r = (x: number) => Rational.of(x);
  const t3 = (t: Triple<number>) => t.map(r) as Triple<Rational>;
  const ca =
    id.kind === 'vector'
      ? vectorAssignment({ B: r(id.cB), e: r(id.l[0]), mu: r(id.l[1]), tau: r(id.l[2]) })
      : universalAssignment(Rational.of(id.cB, 3), t3(id.L), t3(id.E), t3(id.N));
  if (id.kind === 'chiral' && hasVectorLeptons(ca)) {
    throw new UserError(`catalog id ${text} has x_L = x_E in every family: it is a vector model, write it as v:cB:le:lmu:ltau`);
  }
  requireAnomalyFree(ca, `catalog id ${text}`, opts);
  return catalogEntryToScanModel(catalogEntryOf(ca)!);
}

/** A vector expression keeps the normalisation it was written in (it sets the meaning of g_X). */
function modelFromExpression(c: ExactVector, opts: ResolveOptions): ScanModel {
  const ca = vectorAssignment(c);
  const name = vectorModelName(c);
  requireAnomalyFree(ca, `vector model ${name}`, opts);
  return scanModelFromAssignment(name, name, ca);
}

/**
 * One model from a benchmark name (case-insensitive; `Lmu-Ltau`, `LmuLtau`, `B-3Lmu`, `dark-photon`,
 * `tLmu-tau`, ...), a catalog id (`v:0:0:1:-1`, `c:...`), a vector expression
 * (`3B-6Le-3Ltau+2(Lmu-Ltau)`), or a .json/.yaml/.yml model file.
 */
export function resolveModel(spec: string, opts: ResolveOptions = {}): ScanModel {
  const model = resolveModelUnchecked(spec, opts);
  // Every charge within the supported range (physics/inputRanges.ts), before tables are built from it.
  for (const [name, values] of Object.entries(model.charges))
    values.forEach((q: number, i: number) => checkCharge(`model ${model.name}: ${name}[${i}]`, q));
  if (model.c) for (const [name, q] of Object.entries(model.c)) checkCharge(`model ${model.name}: c_${name}`, q);
  return model;
}

function resolveModelUnchecked(spec: string, opts: ResolveOptions): ScanModel {
  const text = spec.trim();
  if (!text) throw new UserError('empty model name');
  if (MODEL_FILE_EXTENSIONS.includes(extname(text).toLowerCase())) return loadModelFile(text, opts);
  const bench = findBenchmark(text);
  if (bench) return benchmarkModel(bench);
  const family = findBenchmarkFamily(text);
  if (family) {
    throw new UserError(
      `${family.pattern} is a family of models (${family.source}): replace N by an integer, e.g. ${family.pattern.replace('N(', '2(')}`,
    );
  }
  const id = parseModelId(text);
  if (id) return modelFromId(text, id, opts);
  if (/^[vc]:/i.test(text)) {
    throw new UserError(`bad catalog id '${text}': expected v:cB:le:lmu:ltau or c:cB:Le:Lmu:Ltau:Ee:Emu:Etau:N1:N2:N3 (integers)`);
  }
  let expr: ExactVector | undefined;
  let why = '';
  try {
    expr = parseVectorExpression(text);
  } catch (err) {
    if (!(err instanceof SyntaxError)) throw err;
    why = `; read as a vector expression: ${err.message}`;
  }
  if (expr) return modelFromExpression(expr, opts);
  throw new UserError(
    `unknown model '${text}'${why}. Give a ${KNOWN}; a catalog id (see u1x models); a vector expression ` +
      `such as 3B-6Le-3Ltau+2(Lmu-Ltau); or a .json/.yaml model file`,
  );
}

const CATEGORIES: readonly CategorySelector[] = ['vector', 'chiral', 'all'];

/** `catalog`, `catalog:vector`, `catalog:chiral:15`, `catalog:all:10`, `catalog:20` (default vector, N = 10). */
function parseCatalogSelector(text: string): { category: CategorySelector; maxCharge: number } {
  let category: CategorySelector = 'vector';
  let maxCharge = 10;
  for (const part of text.split(':').slice(1)) {
    const p = part.trim().toLowerCase();
    if ((CATEGORIES as readonly string[]).includes(p)) category = p as CategorySelector;
    else if (/^\d+$/.test(p)) maxCharge = checkMaxCharge(Number(p));
    else throw new UserError(`bad catalog selector '${text}': use catalog[:vector|chiral|all][:N]`);
  }
  return { category, maxCharge };
}

/** Comma-separated models and selectors (`Lmu-Ltau,B-3Lmu`, `catalog:vector:10`, `benchmarks`), deduplicated by id. */
export function resolveModels(list: string, opts: ResolveOptions = {}): ScanModel[] {
  const byId = new Map<string, ScanModel>();
  for (const item of list
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean)) {
    const models = /^catalog(:|$)/i.test(item)
      ? catalogModels(parseCatalogSelector(item))
      : /^benchmarks$/i.test(item)
        ? BENCHMARKS.map(benchmarkModel)
        : [resolveModel(item, opts)];
    for (const m of models) if (!byId.has(m.id)) byId.set(m.id, m);
  }
  if (byId.size === 0) throw new UserError('no models given');
  return [...byId.values()];
}
