// Timing of the per-scan table build (SPEC §4.6.3): the budget is < 10 s for 2048 masses on a 2-core
// machine. Called from test/physics/coherentTables.test.ts, which prints the numbers without asserting.

import { performance } from 'node:perf_hooks';
import { CoherentDataSet } from './dataSet.js';
import { CoherentOptions, buildCoherentExperiment } from './experiment.js';
import { TableBasis, buildCoherentTables } from './tables.js';

export interface TableBenchResult {
  readonly masses: number;
  readonly basis: TableBasis;
  /** Mass-independent setup: nodes, energy integrals, response, backgrounds, SM fit. */
  readonly experimentMs: number;
  readonly tablesMs: number;
  readonly tableBytes: number;
}

/** Build the experiment and tables for `masses` log-spaced masses from 1 MeV to 10 GeV, timing both. */
export function benchCoherentTables(
  data: CoherentDataSet,
  masses = 2048,
  basis: TableBasis = 'nucleon',
  opts: CoherentOptions = {},
): TableBenchResult {
  const t0 = performance.now();
  const exp = buildCoherentExperiment(data, opts);
  const t1 = performance.now();
  const grid = Array.from({ length: masses }, (_, i) => 1e-3 * 1e4 ** (i / Math.max(1, masses - 1)));
  const tables = buildCoherentTables(exp, grid, basis);
  const t2 = performance.now();
  return { masses, basis, experimentMs: t1 - t0, tablesMs: t2 - t1, tableBytes: tables.coef.byteLength };
}
