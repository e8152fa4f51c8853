// u1x's own limit catalog against the facts shared/data/darkcast/manifest.json records for each DarkCast
// limit (production, final states, lifetime window, layout, reference). The catalog is written
// independently; this test is what keeps the two in step.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { DARKCAST_DIR, requireShared } from '../helpers/shared.js';
import { LIMIT_CATALOG, REFERENCE_ONLY_LIMITS, resolveLimit, type LimitCatalogEntry } from '../../src/physics/darkcast/index.js';

const manifest = JSON.parse(readFileSync(join(requireShared(DARKCAST_DIR), 'manifest.json'), 'utf8'));
const limits = manifest.limits as Record<string, any>;

describe('catalog completeness', () => {
  test('every recastable manifest entry has exactly one catalog entry, and nothing else is in the catalog', () => {
    const recastable = Object.keys(limits)
      .filter((k) => limits[k].recastable)
      .sort();
    expect(LIMIT_CATALOG.map((e) => e.stem).sort()).toEqual(recastable);
    expect([...REFERENCE_ONLY_LIMITS].sort()).toEqual(
      Object.keys(limits)
        .filter((k) => !limits[k].recastable)
        .sort(),
    );
  });

  test('ids are unique, lower-case, and of the form <experiment>_<year>[_<kind>]', () => {
    const ids = LIMIT_CATALOG.map((e) => e.id);
    expect(new Set(ids).size).toBe(ids.length);
    for (const id of ids) expect(id).toMatch(/^[a-z0-9]+(_[a-z]+)?_\d{4}(_[a-z0-9]+)*$/);
  });

  test('the ids the issue names exist', () => {
    for (const id of ['babar_2014_visible', 'na64_2019_invisible', 'lhcb_2019_prompt'])
      expect(resolveLimit(id)).toMatchObject({ entry: { id } });
  });

  test('unique prefixes resolve, ambiguous ones list their candidates, stems work too', () => {
    expect(resolveLimit('babar_2014')).toMatchObject({ entry: { id: 'babar_2014_visible' } });
    const amb = resolveLimit('na64_2019');
    expect(amb.entry).toBeNull();
    if (amb.entry === null) expect(amb.candidates.map((e) => e.id).sort()).toEqual(['na64_2019_invisible', 'na64_2019_visible']);
    expect(resolveLimit('BaBar_Lees2014xha')).toMatchObject({ entry: { id: 'babar_2014_visible' } });
    expect(resolveLimit('nonsense')).toEqual({ entry: null, candidates: [] });
  });
});

function expectedCategory(m: any): LimitCatalogEntry['category'] {
  return m.category === 'anomalous_magnetic_moment' ? 'g-2' : m.category;
}

describe.each(LIMIT_CATALOG.map((e) => [e.id, e] as const))('%s', (_id, entry) => {
  const m = limits[entry.stem];

  test('layout, category, decay and reference', () => {
    expect(entry.layout).toBe(m.bounds.format);
    expect(entry.category).toBe(expectedCategory(m));
    expect([...entry.decay]).toEqual(m.decay);
    expect(entry.reference.inspire).toBe(m.reference.inspire_key);
    expect(entry.reference.arxiv ?? null).toBe(m.reference.arxiv ?? null);
    expect(entry.reference.doi ?? null).toBe(m.reference.doi ?? null);
    expect(entry.experiment.replace(/[^A-Za-z0-9]/g, '').toLowerCase()).toBe(
      m.experiment
        .replace(/[^A-Za-z0-9]/g, '')
        .toLowerCase()
        .replace(/^na48$/, 'na482'),
    );
    expect(entry.referenceModel).toBe('dark_photon');
    const invisible = m.darkcast_recast_reference.target_model_invisible_width !== 'zero';
    expect(entry.category === 'invisible').toBe(invisible);
  });

  test('production', () => {
    if (entry.production.kind === 'fixed') {
      expect(m.production.type).not.toBe('mass_dependent_fractions_table');
      expect(entry.production.fractions).toEqual(m.production.fractions);
    } else {
      expect(`limits/${entry.production.prdStem}.prd`).toBe(m.production.file);
    }
  });

  test('reference width states', () => {
    const states = m.source_model.total_width_states;
    expect(entry.referenceWidthStates ? [...entry.referenceWidthStates] : 'all (visible + invisible)').toEqual(states);
  });

  test('efficiency window', () => {
    const e = m.efficiency;
    const mine = entry.efficiency;
    switch (mine.type) {
      case 'prompt':
        expect(e).toMatchObject({ type: 'prompt', t0_s: 0, t1_infinite: true, efficiency_ratio_is_one: true });
        break;
      case 'displaced':
        expect(e.type).toBe('displaced_beam_dump');
        expect(mine.decayLengthM).toBe(e.decay_volume_length_m);
        expect(mine.shieldLengthM).toBe(e.shield_length_m);
        expect(mine.decayLengthM / mine.shieldLengthM).toBeCloseTo(e.lratio_decay_over_shield, 12);
        break;
      case 'r_values':
        expect(e.type).toBe('r_values');
        break;
      case 'prompt_t1': {
        expect(e).toMatchObject({ type: 'prompt', t0_s: 0, t1_infinite: false, efficiency_ratio_is_one: false });
        const t1 = mine.t1;
        if (t1.kind === 'lhcb') {
          expect([t1.aPsGeV, t1.bPs]).toEqual([e.t1_params.A_ps_GeV, e.t1_params.B_ps]);
        } else if (t1.kind === 'decay_length') {
          expect(t1.lengthM).toBe(e.t1_params.L_m);
          if (typeof t1.boost === 'object') expect(t1.boost.energyGeV).toBe(e.t1_params.E_X_GeV);
          else
            expect(e.t1_params.gamma).toBe(
              t1.boost === 'phi_to_eta_x' ? '(m_phi^2 + m^2 - m_eta^2)/(2 m_phi m)' : '(m_phi^2 + m^2)/(2 m_phi m)',
            );
        } else {
          const pieces = e.t1_piecewise.map((p: any) =>
            p.otherwise ? { a: p.t1_s.a_s, b: p.t1_s.b_s_per_GeV } : { below: p.m_below_GeV, t1: p.t1_s },
          );
          expect(t1.pieces).toEqual(pieces);
        }
        break;
      }
    }
  });

  test('regression class: beam dumps and displaced searches 5 %, the rest 2 %', () => {
    const displaced = entry.efficiency.type === 'displaced' || entry.efficiency.type === 'r_values';
    expect(entry.regression).toBe(displaced ? 'displaced' : 'prompt');
  });
});

describe('u1x deliberate treatments', () => {
  test('BaBar 2016 is read as a bound on a muon-coupled (tree-level L_mu - L_tau) boson', () => {
    const e = LIMIT_CATALOG.find((x) => x.stem === 'BaBar_TheBABAR2016rlg')!;
    expect(e.u1xOverride).toMatchObject({
      production: { kind: 'fixed', fractions: { mu_mu: 1 } },
      decay: ['mu_mu'],
      referenceModel: 'lmu_ltau_tree',
    });
    expect(limits[e.stem].production.mechanisms).toEqual(['e_e']);
    expect(LIMIT_CATALOG.filter((x) => x.u1xOverride).map((x) => x.id)).toEqual(['babar_2016_4mu']);
  });

  test('Belle II carries the published g′/e note', () => {
    const e = LIMIT_CATALOG.find((x) => x.stem === 'BelleII_Adachi2019otg')!;
    expect(limits[e.stem].lmt_is_published_coupling_divided_by_e).toBe(true);
    expect(e.notes?.join(' ')).toMatch(/divided by e/);
  });
});
