// Scan specs: a JSON or YAML file that drives one run. Validated with readable, located errors.

import { readFileSync } from 'node:fs';
import { basename, extname } from 'node:path';
import { parse as parseYaml } from 'yaml';
import { z } from 'zod';
import { UserError } from '../util/errors.js';

const axisRange = z.strictObject({
  min: z.number(),
  max: z.number(),
  n: z.number().int().positive(),
  /** linlog: half the points linear on [min, 1], half logarithmic on [1, max] (the R axis of G2 Fig. 2). */
  scale: z.enum(['log', 'lin', 'linlog']).optional(),
});
const axis = z.union([z.number(), z.strictObject({ values: z.array(z.number()) }), axisRange]);

/** The (alpha, R) family of vector models for model-space scans (see scan/modelFamilies.ts). */
const modelFamily = z.strictObject({
  alphaR: z.strictObject({
    alpha: axisRange.describe('alpha in degrees'),
    R: axisRange,
  }),
});

export const scanSpecSchema = z.strictObject({
  /**
   * grid: a map over the axes (default); fit: each model's global minimum over (g_X, k) at each m_X;
   * modelSpace: the (alpha, R) plane (a model family) with catalog models overlaid; massBound: the
   * model-independent bound on m_X from (g x_L2, g x_E2, eps_Y) (SPEC §5.5).
   */
  kind: z.enum(['grid', 'fit', 'modelSpace', 'massBound']).optional(),
  name: z.string().regex(/^[A-Za-z0-9._-]+$/, 'letters, digits, . _ - only').optional(),
  description: z.string().optional(),
  /** Benchmark names, catalog ids or selectors, model files; or a synthetic family. */
  models: z.union([z.string(), z.array(z.string()).min(1), modelFamily]).optional(),
  allowAnomalous: z.boolean().optional(),
  /** modelSpace: models drawn on the (alpha, R) map, fitted at the same m_X. */
  overlay: z.string().optional(),
  /** massBound: number of directions (x_L2, x_E2) = (cos t, sin t) on the coarse grid. */
  directions: z.number().int().positive().optional(),
  mx: axis,
  gx: axis,
  eps: axis.optional(),
  /** Mixing ratio k = eps_hat e / g_X instead of eps (SPEC §6.5). */
  k: axis.optional(),
  /** Mixing convention; 'radiative' = eps 0 in the UV, k_rad(q²) from the lepton loops (SPEC §4.15), no eps/k axis. */
  mixing: z.enum(['photon', 'hypercharge', 'radiative']).optional(),
  profile: z.array(z.enum(['gx', 'eps'])).optional(),
  constraints: z.union([z.literal('all'), z.array(z.string())]).optional(),
  /** Terms summed into the chi2 that is minimised: 'global' = SPEC §5.1, 'all', or a list. */
  objective: z.union([z.literal('global'), z.literal('all'), z.array(z.string())]).optional(),
  datasets: z.record(z.string(), z.string()).optional(),
  options: z.record(z.string(), z.record(z.string(), z.unknown())).optional(),
  outputs: z
    .strictObject({
      cells: z.boolean().optional(),
      terms: z.boolean().optional(),
      /** Observables ('<constraint>.<name>', e.g. amu.delta_amu) to store at each cell's minimum. */
      observables: z.array(z.string()).optional(),
      /** Per-cell long CSV table (default: on up to 250 000 cells; true forces it). */
      csv: z.boolean().optional(),
      /** Figures to draw from the finished scan: 'exclusion' (one map per model). */
      plots: z.array(z.enum(['exclusion'])).optional(),
    })
    .optional(),
});

export type ScanSpec = z.infer<typeof scanSpecSchema>;

type Issue = { code: string; path: PropertyKey[]; message: string; errors?: Issue[][] };

/** For a failed union, the alternative that got furthest is the one the user meant. */
function deepest(issue: Issue, prefix: PropertyKey[] = []): { path: PropertyKey[]; message: string } {
  const path = [...prefix, ...issue.path];
  if (issue.code !== 'invalid_union' || !issue.errors?.length) return { path, message: issue.message };
  const candidates = issue.errors.filter((b) => b.length > 0).map((branch) => deepest(branch[0], path));
  if (!candidates.length) return { path, message: issue.message };
  return candidates.reduce((a, b) => (b.path.length > a.path.length ? b : a));
}

function formatIssues(file: string, error: z.ZodError): string {
  const { path, message } = deepest(error.issues[0] as unknown as Issue);
  const where = path.length ? path.map(String).join('.') : '(top level)';
  const more = error.issues.length > 1 ? ` (and ${error.issues.length - 1} more problem${error.issues.length > 2 ? 's' : ''})` : '';
  return `${file}: ${where}: ${message}${more}`;
}

export function parseScanSpec(text: string, file: string): ScanSpec {
  let raw: unknown;
  try {
    raw = ['.yaml', '.yml'].includes(extname(file).toLowerCase()) ? parseYaml(text) : JSON.parse(text);
  } catch (e) {
    throw new UserError(`${file}: not valid ${extname(file).toLowerCase() === '.json' ? 'JSON' : 'YAML'}: ${(e as Error).message.split('\n')[0]}`);
  }
  if (raw === null || typeof raw !== 'object' || Array.isArray(raw)) throw new UserError(`${file}: a scan spec must be a mapping of keys to values`);
  const parsed = scanSpecSchema.safeParse(raw);
  if (!parsed.success) throw new UserError(formatIssues(file, parsed.error));
  const spec = parsed.data;
  if (spec.eps !== undefined && spec.k !== undefined) throw new UserError(`${file}: give either eps or k, not both`);
  if (spec.mixing === 'radiative' && (spec.eps !== undefined || spec.k !== undefined)) {
    throw new UserError(`${file}: mixing: radiative replaces the eps/k axis (remove ${spec.eps !== undefined ? 'eps' : 'k'})`);
  }
  return spec;
}

export function readScanSpec(path: string): { spec: ScanSpec; text: string } {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (e) {
    throw new UserError(`cannot read scan spec ${path}: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`);
  }
  return { spec: parseScanSpec(text, path), text };
}

export function specName(spec: ScanSpec, path: string | null): string {
  return spec.name ?? (path ? basename(path).replace(/\.(ya?ml|json)$/i, '') : 'scan');
}
