// The six anomaly-cancellation conditions (SPEC §3.1, MF eqs. 2.2-2.7), evaluated exactly.
import type { ChargeAssignment } from './charges.js';
import { Rational, sumRational } from './rational.js';
import { UserError } from '../util/errors.js';

export interface AnomalyCondition {
  id: 'A1' | 'A2' | 'A3' | 'A4' | 'A5' | 'A6';
  label: string;
  /** The anomaly coefficient as a sum over families i of a per-family polynomial in the charges. */
  perFamily: (q: FamilyCharges) => Rational;
}

interface FamilyCharges {
  Q: Rational;
  U: Rational;
  D: Rational;
  L: Rational;
  E: Rational;
  N: Rational;
}

const n = (k: number) => Rational.of(k);
/** Weighted sum sum_k w_k x_k^p. */
const poly = (p: number, terms: [number, Rational][]) => sumRational(terms.map(([w, x]) => n(w).mul(x.pow(p))));

// Coefficients are colour x SU(2) multiplicities (and hypercharge factors), right-handed fields with a
// minus sign, exactly as printed in SPEC §3.1.
export const ANOMALY_CONDITIONS: readonly AnomalyCondition[] = [
  {
    id: 'A1',
    label: 'SU(3)^2 U(1)_X',
    perFamily: (f) =>
      poly(1, [
        [2, f.Q],
        [-1, f.U],
        [-1, f.D],
      ]),
  },
  {
    id: 'A2',
    label: 'SU(2)^2 U(1)_X',
    perFamily: (f) =>
      poly(1, [
        [3, f.Q],
        [1, f.L],
      ]),
  },
  {
    id: 'A3',
    label: 'Y^2 U(1)_X',
    perFamily: (f) =>
      poly(1, [
        [1, f.Q],
        [3, f.L],
        [-8, f.U],
        [-2, f.D],
        [-6, f.E],
      ]),
  },
  {
    id: 'A4',
    label: 'grav^2 U(1)_X',
    perFamily: (f) =>
      poly(1, [
        [6, f.Q],
        [2, f.L],
        [-3, f.U],
        [-3, f.D],
        [-1, f.E],
        [-1, f.N],
      ]),
  },
  {
    id: 'A5',
    label: 'Y U(1)_X^2',
    perFamily: (f) =>
      poly(2, [
        [1, f.Q],
        [-1, f.L],
        [-2, f.U],
        [1, f.D],
        [1, f.E],
      ]),
  },
  {
    id: 'A6',
    label: 'U(1)_X^3',
    perFamily: (f) =>
      poly(3, [
        [6, f.Q],
        [2, f.L],
        [-3, f.U],
        [-3, f.D],
        [-1, f.E],
        [-1, f.N],
      ]),
  },
];

export interface AnomalyResult {
  id: AnomalyCondition['id'];
  label: string;
  value: Rational;
  ok: boolean;
}

export interface AnomalyReport {
  anomalyFree: boolean;
  conditions: AnomalyResult[];
  failing: AnomalyResult[];
}

export function checkAnomalies(ca: ChargeAssignment): AnomalyReport {
  const families: FamilyCharges[] = [0, 1, 2].map((i) => ({
    Q: ca.Q[i],
    U: ca.U[i],
    D: ca.D[i],
    L: ca.L[i],
    E: ca.E[i],
    N: ca.N[i],
  }));
  const conditions = ANOMALY_CONDITIONS.map((c) => {
    const value = sumRational(families.map(c.perFamily));
    return { id: c.id, label: c.label, value, ok: value.isZero() };
  });
  const failing = conditions.filter((c) => !c.ok);
  return { anomalyFree: failing.length === 0, conditions, failing };
}

/** One line naming every failing condition and its value, e.g. `A2 (SU(2)^2 U(1)_X) = 1/3`. */
export function describeAnomalies(report: AnomalyReport): string {
  if (report.anomalyFree) return 'anomaly free (all six conditions of SPEC §3.1 vanish)';
  return report.failing.map((c) => `${c.id} (${c.label}) = ${c.value} instead of 0`).join('; ');
}

/**
 * Throw a one-line UserError naming every failing condition, unless the user allowed anomalous models.
 * `what` names the model for the message; `hint` is appended in parentheses when given.
 */
export function requireAnomalyFree(ca: ChargeAssignment, what: string, opts: { allowAnomalous?: boolean }, hint = ''): void {
  const report = checkAnomalies(ca);
  if (report.anomalyFree || opts.allowAnomalous) return;
  throw new UserError(
    `${what} is not anomaly free: ${describeAnomalies(report)}${hint ? ` (${hint})` : ''}; pass --allow-anomalous to use it anyway`,
  );
}
