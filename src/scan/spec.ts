// Scan specs: a JSON or YAML file that drives one run. Validated with readable, located errors.

import { readFileSync } from 'node:fs';
import { basename, extname } from 'node:path';
import { z } from 'zod';
import { UserError } from '../util/errors.js';
import { parseYamlStrict } from '../util/yamlText.js';
import { kindSpecShape, SCAN_KINDS } from './kinds/registry.js';

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

/** The keys every kind reads; each kind adds its own (src/scan/kinds/, `schema`). */
const commonSpecSchema = z.strictObject({
  /** The scan kind, one of src/scan/kinds/registry.ts (default grid: a map over the axes). */
  kind: z.string().optional(),
  name: z
    .string()
    .regex(/^[A-Za-z0-9._-]+$/, 'letters, digits, . _ - only')
    .optional(),
  description: z.string().optional(),
  /** Benchmark names, catalog ids or selectors, model files; or a synthetic family. */
  models: z.union([z.string(), z.array(z.string()).min(1), modelFamily]).optional(),
  allowAnomalous: z.boolean().optional(),
  mx: axis,
  gx: axis,
  eps: axis.optional(),
  /** Mixing ratio k = eps_hat e / g_X instead of eps (SPEC §6.5). */
  k: axis.optional(),
  /** Mixing convention; 'radiative' = eps 0 in the UV, k_rad(q²) from the lepton loops (SPEC §4.15), no eps/k axis. */
  mixing: z.enum(['photon', 'hypercharge', 'radiative']).optional(),
  profile: z.array(z.enum(['gx', 'eps'])).optional(),
  constraints: z.union([z.literal('all'), z.array(z.string())]).optional(),
  /** Projected sensitivities of future searches to draw and report (never exclusions): all, none (default) or ids `proj_...`. */
  projections: z.union([z.literal('all'), z.literal('none'), z.array(z.string())]).optional(),
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

/** A validated spec: the common keys typed; each kind reads its own keys with kindFields (src/scan/kinds/define.ts). */
export type ScanSpec = z.infer<typeof commonSpecSchema>;

let specSchema: z.ZodType | null = null;

/** The common keys, every registered kind's own keys, and `kind` limited to the registered ids (built on first use). */
function scanSpecSchema(): z.ZodType {
  const ids = SCAN_KINDS.map((k) => k.id) as [string, ...string[]];
  specSchema ??= commonSpecSchema.extend({ kind: z.enum(ids).optional(), ...kindSpecShape() });
  return specSchema;
}

type Issue = { code: string; path: PropertyKey[]; message: string; errors?: Issue[][] };

interface Located {
  path: PropertyKey[];
  message: string;
  /** Problems in the alternative reported (the first is shown, the rest counted). */
  count: number;
}

/**
 * How badly an alternative of a union misses the input: 2 when the value is not even of its type (a
 * number given where the alternative wants an object), 1 when the object has keys the alternative does
 * not know, 0 when only the contents are wrong. The alternative that misses least is the one the user
 * meant: `mx: {min: .nan}` is a range with a bad min, not a list missing `values`.
 */
function mismatch(branch: Issue[]): number {
  let worst = 0;
  for (const i of branch) {
    if (i.path.length === 0 && i.code === 'invalid_type') worst = Math.max(worst, 2);
    else if (i.path.length === 0 && i.code === 'unrecognized_keys') worst = Math.max(worst, 1);
  }
  return worst;
}

function locate(issue: Issue, prefix: PropertyKey[] = [], count = 1): Located {
  const path = [...prefix, ...issue.path];
  if (issue.code !== 'invalid_union' || !issue.errors?.length) return { path, message: issue.message, count };
  const branches = issue.errors.filter((b) => b.length > 0);
  if (!branches.length) return { path, message: issue.message, count };
  const best = branches.reduce((a, b) => {
    const d = mismatch(b) - mismatch(a);
    if (d !== 0) return d < 0 ? b : a;
    // Equally plausible: the one whose first problem lies deeper says more.
    return b[0].path.length > a[0].path.length ? b : a;
  });
  return locate(best[0], path, best.length);
}

function formatIssues(file: string, error: z.ZodError): string {
  const first = locate(error.issues[0] as unknown as Issue);
  const where = first.path.length ? first.path.map(String).join('.') : '(top level)';
  const others = first.count - 1 + error.issues.length - 1;
  const more = others > 0 ? ` (and ${others} more problem${others > 1 ? 's' : ''})` : '';
  // zod says "expected number, received undefined" for a key that is not there at all.
  const message = /received undefined$/.test(first.message) ? 'required, but missing' : first.message;
  return `${file}: ${where}: ${message}${more}`;
}

/**
 * Which parser reads a spec: JSON for a `.json` file, YAML for every other name (`.yaml`, `.yml`, `.txt`,
 * none). YAML 1.2 is a superset of JSON, so JSON text in a file of any other name reads the same.
 */
export function specFormat(file: string): 'JSON' | 'YAML' {
  return extname(file).toLowerCase() === '.json' ? 'JSON' : 'YAML';
}

export function parseScanSpec(text: string, file: string): ScanSpec {
  let raw: unknown;
  const format = specFormat(file);
  try {
    raw = format === 'JSON' ? JSON.parse(text) : parseYamlStrict(text);
  } catch (e) {
    throw new UserError(`${file}: not valid ${format}: ${(e as Error).message.split('\n')[0]}`);
  }
  if (raw === null || typeof raw !== 'object' || Array.isArray(raw))
    throw new UserError(`${file}: a scan spec must be a mapping of keys to values`);
  const parsed = scanSpecSchema().safeParse(raw);
  if (!parsed.success) throw new UserError(formatIssues(file, parsed.error));
  const spec = parsed.data as ScanSpec;
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
