// Local refinement after a grid search: a batched pattern search. Each problem moves to the best of its
// 3^n - 1 neighbours at the current step sizes (diagonals included, so valleys that run across the
// axes are followed), and halves its steps when no neighbour improves. Every iteration evaluates the
// neighbours of all unfinished problems in one batch.

export interface PatternSearchOptions {
  /** Initial step per coordinate (0 keeps the coordinate fixed). */
  steps: readonly number[];
  /** A coordinate's search ends when its step is below this (per coordinate). */
  minSteps: readonly number[];
  maxIterations?: number;
  /** Map a candidate into the domain (e.g. wrap an angle, clamp a range); return null to reject it. */
  project?: (x: number[]) => number[] | null;
}

export interface SearchResult {
  x: number[];
  value: number;
  iterations: number;
}

function neighbourOffsets(n: number): number[][] {
  const out: number[][] = [];
  const total = 3 ** n;
  for (let code = 0; code < total; code++) {
    const o: number[] = [];
    let c = code;
    for (let d = 0; d < n; d++) {
      o.push((c % 3) - 1);
      c = Math.floor(c / 3);
    }
    if (o.some((v) => v !== 0)) out.push(o);
  }
  return out;
}

type Candidate = { owner: number; x: number[] };

/**
 * The search as a generator: it yields each iteration's batch of candidates and takes their values back,
 * so that one implementation serves synchronous and asynchronous (worker-thread) evaluation alike.
 */
function* patternSearchSteps(
  starts: readonly { x: readonly number[]; value: number }[],
  opts: PatternSearchOptions,
): Generator<Candidate[], SearchResult[], number[]> {
  const n = opts.steps.length;
  const offsets = neighbourOffsets(n);
  const state = starts.map((s, index) => ({ index, x: [...s.x], value: s.value, steps: [...opts.steps], iterations: 0, done: false }));
  const finished = (steps: number[]) => steps.every((h, d) => h === 0 || h < opts.minSteps[d]);
  for (let it = 0; it < (opts.maxIterations ?? 500); it++) {
    const open = state.filter((s) => !s.done);
    if (open.length === 0) break;
    const candidates: Candidate[] = [];
    open.forEach((s, owner) => {
      for (const o of offsets) {
        if (o.some((v, d) => v !== 0 && s.steps[d] === 0)) continue;
        const raw = s.x.map((v, d) => v + o[d] * s.steps[d]);
        const x = opts.project ? opts.project(raw) : raw;
        if (x) candidates.push({ owner, x });
      }
    });
    const values = candidates.length ? yield candidates.map((c) => ({ owner: open[c.owner].index, x: c.x })) : [];
    const bestOf = new Map<number, number>();
    candidates.forEach((c, j) => {
      const s = open[c.owner];
      const prev = bestOf.get(c.owner);
      if (values[j] < s.value && (prev === undefined || values[j] < values[prev])) bestOf.set(c.owner, j);
    });
    open.forEach((s, owner) => {
      s.iterations++;
      const j = bestOf.get(owner);
      if (j !== undefined) {
        s.x = candidates[j].x;
        s.value = values[j];
      } else {
        s.steps = s.steps.map((h) => h / 2);
        if (finished(s.steps)) s.done = true;
      }
    });
  }
  return state.map((s) => ({ x: s.x, value: s.value, iterations: s.iterations }));
}

export function patternSearch(
  starts: readonly { x: readonly number[]; value: number }[],
  /** Values of candidates; `owner` is the index of the problem (start) each belongs to. */
  evaluate: (batch: { owner: number; x: number[] }[]) => number[],
  opts: PatternSearchOptions,
): SearchResult[] {
  const steps = patternSearchSteps(starts, opts);
  for (let r = steps.next(); ; r = steps.next(evaluate(r.value as Candidate[]))) if (r.done) return r.value;
}

/** patternSearch with an asynchronous evaluation (e.g. worker threads); the same steps, the same result. */
export async function patternSearchAsync(
  starts: readonly { x: readonly number[]; value: number }[],
  evaluate: (batch: { owner: number; x: number[] }[]) => Promise<ArrayLike<number>>,
  opts: PatternSearchOptions,
): Promise<SearchResult[]> {
  const steps = patternSearchSteps(starts, opts);
  for (let r = steps.next(); ; r = steps.next(Array.from(await evaluate(r.value as Candidate[])))) if (r.done) return r.value;
}
