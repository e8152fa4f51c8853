// One-dimensional root finding and minimisation over batched evaluations, for validation tests that
// locate a bound or a crossing from evaluateF64 results. Each round evaluates a whole grid in one call
// (one kernel compilation) and zooms into the bracket, so a search costs a handful of calls.

export type BatchFn = (xs: number[]) => Promise<number[]>;

export interface SearchOptions {
  /** Search in log(x) (x > 0) instead of x. */
  log?: boolean;
  /** Points per round. */
  points?: number;
  /** Stop when the bracket is this small relative to |x|. */
  relTol?: number;
  maxRounds?: number;
}

function grid(lo: number, hi: number, n: number, log: boolean): number[] {
  const a = log ? Math.log(lo) : lo;
  const b = log ? Math.log(hi) : hi;
  return Array.from({ length: n }, (_, i) => {
    const t = a + ((b - a) * i) / (n - 1);
    return log ? Math.exp(t) : t;
  });
}

/**
 * The x in [lo, hi] where f(x) crosses `target`. With several crossings, `pick` chooses the first
 * (smallest x, default) or the last one on the initial grid.
 */
export async function findCrossing(
  f: BatchFn,
  lo: number,
  hi: number,
  target: number,
  opts: SearchOptions & { pick?: 'first' | 'last' } = {},
): Promise<number> {
  const n = opts.points ?? 33;
  const log = opts.log ?? false;
  const relTol = opts.relTol ?? 1e-9;
  let [a, b] = [lo, hi];
  for (let round = 0; round < (opts.maxRounds ?? 40); round++) {
    const xs = grid(a, b, n, log);
    const ys = (await f(xs)).map((y) => y - target);
    const brackets: number[] = [];
    for (let i = 0; i + 1 < n; i++) if (ys[i] === 0 || Math.sign(ys[i]) !== Math.sign(ys[i + 1])) brackets.push(i);
    if (brackets.length === 0) throw new Error(`no crossing of ${target} in [${a}, ${b}]`);
    const i = round === 0 && opts.pick === 'last' ? brackets[brackets.length - 1] : brackets[0];
    if (ys[i] === 0) return xs[i];
    [a, b] = [xs[i], xs[i + 1]];
    if (Math.abs(b - a) <= relTol * Math.max(Math.abs(a), Math.abs(b))) break;
  }
  return (a + b) / 2;
}

/** The x in [lo, hi] minimising f (a single well-resolved minimum on the initial grid). */
export async function findMinimum(f: BatchFn, lo: number, hi: number, opts: SearchOptions = {}): Promise<{ x: number; y: number }> {
  const n = opts.points ?? 41;
  const log = opts.log ?? false;
  const relTol = opts.relTol ?? 1e-7;
  let [a, b] = [lo, hi];
  let best = { x: lo, y: Infinity };
  for (let round = 0; round < (opts.maxRounds ?? 40); round++) {
    const xs = grid(a, b, n, log);
    const ys = await f(xs);
    let k = 0;
    for (let i = 1; i < n; i++) if (ys[i] < ys[k]) k = i;
    if (ys[k] < best.y) best = { x: xs[k], y: ys[k] };
    [a, b] = [xs[Math.max(k - 1, 0)], xs[Math.min(k + 1, n - 1)]];
    if (Math.abs(b - a) <= relTol * Math.max(Math.abs(a), Math.abs(b), 1e-300)) break;
  }
  return best;
}
