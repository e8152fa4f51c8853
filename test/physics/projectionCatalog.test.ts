// The projection catalog and the 2023 limits (src/physics/darkcast/projectionCatalog.ts) against the facts DarkCast
// 2023 declares, as scraped into shared/data/darkcast-2023/manifest.json: every entry names a file that exists, with
// its layout, final states, decay and shield lengths, and the production fractions wherever the manifest has them.
// The documented departures are listed here and nowhere else.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { DARKCAST_2023_DIR, requireShared } from '../helpers/shared.js';
import { LIMIT_CATALOG, LIMITS_2023, PROJECTION_CATALOG } from '../../src/physics/darkcast/index.js';

interface ManifestEntry {
  production?: { fractions?: Record<string, number>; file?: string; type: string };
  decay?: string[];
  bounds?: { format: string };
  efficiency?: { type: string; decay_volume_length_m?: number; shield_length_m?: number };
  recastable?: boolean;
}
const manifest = JSON.parse(readFileSync(join(requireShared(DARKCAST_2023_DIR), 'manifest.json'), 'utf8')) as {
  limits: Record<string, ManifestEntry>;
  projections: Record<string, ManifestEntry>;
};

/** Entries whose production the manifest leaves empty and u1x identified (projectionCatalog.ts header). */
const PRODUCTION_IDENTIFIED = new Set(['proj_faser_2018_run3', 'faser_2023_visible']);
/** The manifest says 'prompt'; DarkCast's recasts need the LHCb prompt t1 (projectionCatalog.ts header). */
const EFFICIENCY_CORRECTED = new Set(['proj_lhcb_2016_prompt']);

describe.each([...PROJECTION_CATALOG, ...LIMITS_2023].map((e) => [e.id, e] as const))('%s', (id, entry) => {
  const facts = (entry.projection ? manifest.projections : manifest.limits)[entry.stem];
  test('matches the DarkCast 2023 facts', () => {
    expect(facts, entry.stem).toBeDefined();
    expect(existsSync(join(DARKCAST_2023_DIR, entry.folder ?? 'limits', `${entry.stem}.lmt`))).toBe(true);
    expect(facts.recastable).toBe(true);
    expect(entry.layout).toBe(facts.bounds!.format);
    expect([...entry.decay]).toEqual(facts.decay);
    if (entry.efficiency.type === 'displaced') {
      expect(facts.efficiency!.type).toBe('displaced_beam_dump');
      expect(entry.efficiency.decayLengthM).toBe(facts.efficiency!.decay_volume_length_m);
      expect(entry.efficiency.shieldLengthM).toBe(facts.efficiency!.shield_length_m);
    } else if (!EFFICIENCY_CORRECTED.has(id)) {
      expect(facts.efficiency!.type).toBe('prompt');
    }
    const p = facts.production!;
    if (PRODUCTION_IDENTIFIED.has(id)) expect(p.fractions).toEqual({});
    else if (entry.production.kind === 'table') expect(p.file).toBe(`limits/${entry.production.prdStem}.prd`);
    else expect(entry.production.fractions).toEqual(p.fractions);
  });
  test(entry.projection ? 'is a projection read from reach/ with a proj_ id' : 'is a 2023 limit read from limits/', () => {
    if (entry.projection) {
      expect(entry.folder).toBe('reach');
      expect(id).toMatch(/^proj_[a-z0-9]+_\d{4}_[a-z0-9_]+$/);
    } else {
      expect(entry.release).toBe('2023');
      expect(id).toMatch(/^[a-z0-9]+_\d{4}_[a-z0-9_]+$/);
    }
  });
});

test('ids are unique across the v1.2 limits, the 2023 limits and the projections', () => {
  const ids = [...LIMIT_CATALOG, ...LIMITS_2023, ...PROJECTION_CATALOG].map((e) => e.id);
  expect(new Set(ids).size).toBe(ids.length);
});
