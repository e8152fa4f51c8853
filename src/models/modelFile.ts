// User model files (JSON or YAML), validated on load. Two canonical forms:
//   {"name": "...", "charges": {"Q": [a,b,c], "U": [...], "D": [...], "L": [...], "E": [...], "N": [...]}}
//   {"name": "...", "c": {"B": cB, "e": ce, "mu": cmu, "tau": ctau}}      (vector models; optional "N": [...])
// The c form means x_f = cB B + ce L_e + cmu L_mu + ctau L_tau (SPEC §3.3, direct coefficients; anomaly
// condition (A2) then requires cB = -(ce + cmu + ctau)/3). Charges are numbers, or strings holding a
// fraction ("1/3") or a decimal; decimals are read exactly, so write thirds as "1/3".
import { readFileSync } from 'node:fs';
import { extname, resolve } from 'node:path';
import { z } from 'zod';
import { requireAnomalyFree } from './anomaly.js';
import { SPECIES, vectorAssignment, type ChargeAssignment, type Triple } from './charges.js';
import { Rational, sumRational } from './rational.js';
import { scanModelFromAssignment } from './scanModel.js';
import type { ScanModel } from './types.js';
import { UserError } from '../util/errors.js';
import { parseYamlStrict } from '../util/yamlText.js';

export const MODEL_FILE_EXTENSIONS = ['.json', '.yaml', '.yml'];

const chargeValue = z.union([z.number(), z.string()], {
  error: 'a charge must be a number or a string such as "1/3"',
});
const chargeTriple = z
  .array(chargeValue, { error: 'must be a list of 3 charges, one per family' })
  .length(3, 'must have exactly 3 entries, one per family');

const chargesForm = z.strictObject({
  Q: chargeTriple,
  U: chargeTriple,
  D: chargeTriple,
  L: chargeTriple,
  E: chargeTriple,
  N: chargeTriple,
});
const vectorForm = z.strictObject({ B: chargeValue, e: chargeValue, mu: chargeValue, tau: chargeValue, N: chargeTriple.optional() });

const modelFile = z
  .strictObject(
    {
      name: z.string({ error: 'a model needs a "name" (a non-empty string)' }).trim().min(1, 'the "name" is empty'),
      description: z.string().optional(),
      charges: chargesForm.optional(),
      c: vectorForm.optional(),
    },
    { error: 'a model file must hold one object: {"name": ..., "charges": {...}} or {"name": ..., "c": {...}}' },
  )
  .refine((m) => (m.charges === undefined) !== (m.c === undefined), {
    message: 'give exactly one of "charges" (per-family charges) or "c" (vector coefficients B, e, mu, tau)',
  });

type RawValue = z.infer<typeof chargeValue>;

function readValue(v: RawValue, where: string): Rational {
  const r = typeof v === 'number' ? (Number.isFinite(v) ? Rational.fromNumber(v) : undefined) : Rational.parse(v);
  if (!r) throw new UserError(`${where}: cannot read ${JSON.stringify(v)} as a number or fraction`);
  return r;
}

const readTriple = (t: RawValue[], where: string): Triple<Rational> =>
  [0, 1, 2].map((i) => readValue(t[i], `${where}[${i}]`)) as Triple<Rational>;

const issuePath = (path: readonly PropertyKey[]) =>
  path.length
    ? path
        .map((p) => (typeof p === 'number' ? `[${p}]` : `.${String(p)}`))
        .join('')
        .replace(/^\./, '')
    : '(top level)';

function parseText(text: string, file: string): unknown {
  try {
    return extname(file).toLowerCase() === '.json' ? JSON.parse(text) : parseYamlStrict(text);
  } catch (err) {
    const kind = extname(file).toLowerCase() === '.json' ? 'JSON' : 'YAML';
    throw new UserError(`model file ${file}: invalid ${kind}: ${String((err as Error).message).split('\n')[0]}`);
  }
}

/** Hints for the two ways a correct model most often fails the exact check. */
function anomalyHints(raw: unknown, ca: ChargeAssignment): string {
  const hints: string[] = [];
  if (/\d\.\d{3,}/.test(JSON.stringify(raw))) hints.push('decimals are read exactly: write thirds as "1/3"');
  const l = sumRational(ca.L);
  const threeXq = sumRational(ca.Q);
  if (!l.isZero() && threeXq.equals(l.div(Rational.of(3)))) {
    hints.push(
      'cB = +(sum of lepton charges)/3 looks like the negated lepton convention of G2 eq. 4.3; u1x uses x_f = cB B + ce Le + cmu Lmu + ctau Ltau (SPEC §3.3)',
    );
  }
  return hints.join('; ');
}

/** Exact charges and name of a validated model object; `where` prefixes every message. */
export function assignmentFromModelObject(raw: unknown, where: string): { name: string; charges: ChargeAssignment } {
  const parsed = modelFile.safeParse(raw);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new UserError(`${where}: ${issuePath(issue.path)}: ${issue.message}`);
  }
  const m = parsed.data;
  if (m.charges) {
    const ca = {} as ChargeAssignment;
    for (const s of SPECIES) ca[s] = readTriple(m.charges[s], `${where}: charges.${s}`);
    return { name: m.name, charges: ca };
  }
  const c = m.c!;
  const coef = (k: 'B' | 'e' | 'mu' | 'tau') => readValue(c[k], `${where}: c.${k}`);
  const exact = { B: coef('B'), e: coef('e'), mu: coef('mu'), tau: coef('tau') };
  const N = c.N ? readTriple(c.N, `${where}: c.N`) : undefined;
  return { name: m.name, charges: vectorAssignment(exact, N) };
}

export function loadModelFile(path: string, opts: { allowAnomalous?: boolean; cwd?: string } = {}): ScanModel {
  const file = resolve(opts.cwd ?? process.cwd(), path);
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    throw new UserError(`model file ${path}: ${code === 'ENOENT' ? 'not found' : `cannot be read (${code ?? err})`}`);
  }
  const raw = parseText(text, path);
  const { name, charges } = assignmentFromModelObject(raw, `model file ${path}`);
  requireAnomalyFree(charges, `model file ${path}: model '${name}'`, opts, anomalyHints(raw, charges));
  return scanModelFromAssignment(name, name, charges);
}
