// Gauss-Legendre nodes and weights on [-1, 1] by Newton iteration on P_n. Cached per order because every
// table build asks for the same few orders.

export interface GaussLegendreRule {
  readonly nodes: Float64Array;
  readonly weights: Float64Array;
}

const cache = new Map<number, GaussLegendreRule>();

/** P_n(x) and P_n'(x) by the three-term recurrence. */
function legendreWithDerivative(n: number, x: number): [number, number] {
  let prev = 1;
  let cur = x;
  for (let k = 2; k <= n; k++) {
    const next = ((2 * k - 1) * x * cur - (k - 1) * prev) / k;
    prev = cur;
    cur = next;
  }
  return [cur, (n * (x * cur - prev)) / (x * x - 1)];
}

export function gaussLegendre(n: number): GaussLegendreRule {
  if (!Number.isInteger(n) || n < 1) throw new Error(`gaussLegendre: order must be a positive integer, got ${n}`);
  const hit = cache.get(n);
  if (hit) return hit;
  const nodes = new Float64Array(n);
  const weights = new Float64Array(n);
  for (let i = 0; i < Math.ceil(n / 2); i++) {
    // Tricomi's initial guess lies in Newton's basin of the i-th largest root.
    let x = Math.cos((Math.PI * (i + 0.75)) / (n + 0.5));
    for (let iter = 0; iter < 100; iter++) {
      const [p, dp] = legendreWithDerivative(n, x);
      const dx = p / dp;
      x -= dx;
      if (Math.abs(dx) < 1e-16) break;
    }
    const dp = legendreWithDerivative(n, x)[1];
    const w = 2 / ((1 - x * x) * dp * dp);
    nodes[i] = -x;
    nodes[n - 1 - i] = x;
    weights[i] = w;
    weights[n - 1 - i] = w;
  }
  const rule = { nodes, weights };
  cache.set(n, rule);
  return rule;
}
