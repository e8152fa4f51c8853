// Full regression against DarkCast's own recasts, shared/data/darkcast/recast/<model>/<limit>.lmt, at every
// tabulated mass of every limit, in DarkCast's conventions (visible limits: no invisible width; invisible
// limits: Γ_inv = 99 Γ_visible). Tolerance 2 % for prompt searches, 5 % for beam dumps and displaced
// searches (issue 6); in practice the agreement is at DarkCast's print precision (%11.4e).
//
// One documented difference (RESONANCE_RECAST.md §6.1): DarkCast's root search for a double-sided limit
// starts from the previous mass's answer and writes 1e5 ("no solution") when it finds nothing, which
// happens at a few closing island tips and isolated small islands. u1x tests N_X/N_A' ≥ 1 directly and
// finds those islands; the test checks each one by direct evaluation and pins their number per model.
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, test } from 'vitest';
import { DARKCAST_DIR, requireShared } from '../helpers/shared.js';
import { DarkcastDirectory } from '../../src/io/darkcast/index.js';
import { compareWithShippedRecast, recastTablesCache } from '../helpers/darkcastRecasts.js';
import { findDarkcastModel, LIMIT_CATALOG } from '../../src/physics/darkcast/index.js';

const data = DarkcastDirectory.open(requireShared(DARKCAST_DIR));

/** Masses per model where DarkCast wrote 1e5 but an island exists (see the header). */
const MISSED_ISLANDS: Record<string, number> = {
  dark_photon: 17,
  'B-L': 4,
  'Lmu-Ltau': 2,
  'Le-Lmu': 2,
  B: 9,
  protophobic: 11,
  'Le-Ltau': 2,
};
const MODELS = Object.keys(MISSED_ISLANDS);

const TOLERANCE = { prompt: 0.02, displaced: 0.05 };
/** What the comparison actually reaches: the shipped files print 5 significant digits. */
const PRINT_PRECISION = 1e-4;

const tablesFor = recastTablesCache(data);

const summary: string[] = [];
afterAll(() => {
  // One line per model and limit: the numbers the project reports for issue 6.
  if (process.env.U1X_REGRESSION_SUMMARY) console.log(summary.join('\n'));
});

describe.each(MODELS)('DarkCast recast of %s', (name) => {
  const model = findDarkcastModel(name)!;
  let missed = 0;

  test.each(LIMIT_CATALOG.map((e) => [e.id, e] as const))('%s', (_id, entry) => {
    const path = join(DARKCAST_DIR, 'recast', model.recastDir, `${entry.stem}.lmt`);
    expect(existsSync(path)).toBe(true);
    const { maxDev, compared, islands, problems } = compareWithShippedRecast(tablesFor(entry), entry, model, path);
    missed += islands;
    expect(problems).toEqual([]);
    summary.push(
      `${name.padEnd(12)} ${entry.id.padEnd(22)} masses ${String(compared).padStart(5)}  max |rel dev| ${maxDev.toExponential(2)}`,
    );
    expect(maxDev).toBeLessThan(TOLERANCE[entry.regression]);
    expect(maxDev).toBeLessThan(PRINT_PRECISION);
  });

  test('islands DarkCast missed: as many as documented', () => {
    expect(missed).toBe(MISSED_ISLANDS[name]);
  });
});
