// The scan-kind registry: the spec schema, model resolution and --quick find each kind's own keys there.

import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { defineScanKind } from '../../src/scan/kinds/define.js';
import { SCAN_KINDS } from '../../src/scan/kinds/registry.js';
import { modelsOfSpec } from '../../src/scan/models.js';
import { quickSpec } from '../../src/scan/quick.js';
import { parseScanSpec } from '../../src/scan/spec.js';

const spec = (extra: object) => JSON.stringify({ models: 'Lmu-Ltau', mx: 0.1, gx: 1e-3, ...extra });

describe('scan kinds', () => {
  it('registers the four kinds of the README, grid first', () => {
    expect(SCAN_KINDS.map((k) => k.id)).toEqual(['grid', 'fit', 'modelSpace', 'massBound']);
  });

  it('the spec admits registered kinds and their own keys only', () => {
    expect(() => parseScanSpec(spec({ kind: 'histogram' }), 's.json')).toThrow(/kind: .*"grid".*"massBound"/);
    expect(parseScanSpec(spec({ kind: 'massBound', directions: 12 }), 's.json')).toMatchObject({ kind: 'massBound', directions: 12 });
    expect(() => parseScanSpec(spec({ kind: 'massBound', directions: -1 }), 's.json')).toThrow(/directions/);
    expect(parseScanSpec(spec({ kind: 'modelSpace', overlay: 'benchmarks' }), 's.json')).toMatchObject({ overlay: 'benchmarks' });
    expect(() => parseScanSpec(spec({ directionz: 3 }), 's.json')).toThrow(/directionz/);
  });

  it("a kind's own models and --quick come from its definition (massBound: directions + the dark photon)", () => {
    const mb = parseScanSpec(spec({ kind: 'massBound', directions: 4 }), 's.json');
    expect(modelsOfSpec(mb, '.').map((m) => m.id)).toEqual(['muon:0/4', 'muon:1/4', 'muon:2/4', 'muon:3/4', 'dark-photon']);
    // --quick thins 180 directions to ceil(180 / 8) = 23, never below 8.
    expect(quickSpec(parseScanSpec(spec({ kind: 'massBound', directions: 180 }), 's.json'))).toMatchObject({ directions: 23 });
    expect(quickSpec(parseScanSpec(spec({ kind: 'massBound', directions: 20 }), 's.json'))).toMatchObject({ directions: 8 });
  });

  it('refuses a kind whose own spec key is required (a spec of another kind could never satisfy it)', () => {
    expect(() => defineScanKind({ id: 'bad', schema: { n: z.number() }, run: async () => {} })).toThrow(/must be optional/);
  });
});
