// DarkCast's built-in models (RESONANCE_RECAST.md §1 table), used to compare u1x's recast with DarkCast's
// shipped recasts. All are vector-only. The L_i − L_j models carry DarkCast's loop-induced κ(m) (with μ and
// τ loops for all three, §7) on the fermions that have no direct charge.

import { E_DC } from './darkcastConstants.js';
import { vectorCharges, type FermionCouplings } from './fermionCouplings.js';
import { darkcastKappa } from './loopMixing.js';
import type { RecastModel } from './recastModel.js';

const constant = (x: FermionCouplings) => () => x;

/** Quark charges κ Q_q induced by mixing, and a lepton charge −κ, as DarkCast attaches them (§1). */
function kappaQuarks(k: number) {
  return { u: (2 * k) / 3, c: (2 * k) / 3, t: (2 * k) / 3, d: -k / 3, s: -k / 3, b: -k / 3 };
}

export interface BuiltinModel extends RecastModel {
  /** Directory name of DarkCast's shipped recasts, `recast/<dir>/`. */
  recastDir: string;
}

export const DARKCAST_MODELS: readonly BuiltinModel[] = [
  {
    name: 'dark_photon',
    recastDir: 'dark_photon',
    couplings: constant(
      vectorCharges({
        e: -E_DC,
        mu: -E_DC,
        tau: -E_DC,
        nue: 0,
        numu: 0,
        nutau: 0,
        u: (2 * E_DC) / 3,
        c: (2 * E_DC) / 3,
        t: (2 * E_DC) / 3,
        d: -E_DC / 3,
        s: -E_DC / 3,
        b: -E_DC / 3,
      }),
    ),
  },
  {
    name: 'B-L',
    recastDir: 'B-L_boson',
    couplings: constant(
      vectorCharges({
        e: -1,
        mu: -1,
        tau: -1,
        nue: -1,
        numu: -1,
        nutau: -1,
        u: 1 / 3,
        c: 1 / 3,
        t: 1 / 3,
        d: 1 / 3,
        s: 1 / 3,
        b: 1 / 3,
      }),
    ),
  },
  {
    // Leptons couple at one loop, −e²/(4π)² (§1 table).
    name: 'B',
    recastDir: 'B_boson',
    couplings: constant(
      vectorCharges({
        e: -(E_DC * E_DC) / (16 * Math.PI * Math.PI),
        mu: -(E_DC * E_DC) / (16 * Math.PI * Math.PI),
        tau: -(E_DC * E_DC) / (16 * Math.PI * Math.PI),
        nue: 0,
        numu: 0,
        nutau: 0,
        u: 1 / 3,
        c: 1 / 3,
        t: 1 / 3,
        d: 1 / 3,
        s: 1 / 3,
        b: 1 / 3,
      }),
    ),
  },
  {
    name: 'protophobic',
    recastDir: 'protophobic',
    couplings: constant(
      vectorCharges({
        e: -1,
        mu: -1,
        tau: -1,
        nue: 0,
        numu: 0,
        nutau: 0,
        u: -1 / 3,
        c: -1 / 3,
        t: -1 / 3,
        d: 2 / 3,
        s: 2 / 3,
        b: 2 / 3,
      }),
    ),
  },
  {
    name: 'Lmu-Ltau',
    recastDir: 'Lmu-Ltau_boson',
    couplings: (m) => {
      const k = darkcastKappa(m);
      return vectorCharges({ e: -k, mu: 1, tau: -1, nue: 0, numu: 1, nutau: -1, ...kappaQuarks(k) });
    },
  },
  {
    name: 'Le-Lmu',
    recastDir: 'Le-Lmu_boson',
    couplings: (m) => {
      const k = darkcastKappa(m);
      return vectorCharges({ e: 1, mu: -1, tau: -k, nue: 1, numu: -1, nutau: 0, ...kappaQuarks(k) });
    },
  },
  {
    name: 'Le-Ltau',
    recastDir: 'Le-Ltau_boson',
    couplings: (m) => {
      const k = darkcastKappa(m);
      return vectorCharges({ e: 1, mu: -k, tau: -1, nue: 1, numu: 0, nutau: -1, ...kappaQuarks(k) });
    },
  },
];

/**
 * Tree-level L_μ − L_τ (μ, τ, ν_μ, ν_τ charges ±1, nothing else): u1x's reference model for the BaBar 2016
 * 4μ search, whose table is a limit on this boson's g′ (RESONANCE_RECAST.md §10.1).
 */
export const LMU_LTAU_TREE: RecastModel = {
  name: 'Lmu-Ltau (tree level)',
  couplings: constant(
    vectorCharges({
      e: 0,
      mu: 1,
      tau: -1,
      nue: 0,
      numu: 1,
      nutau: -1,
      u: 0,
      c: 0,
      t: 0,
      d: 0,
      s: 0,
      b: 0,
    }),
  ),
};

/** Find a built-in model by name; accepts DarkCast's recast directory names and ignores case. */
export function findDarkcastModel(name: string): BuiltinModel | undefined {
  const key = name
    .trim()
    .toLowerCase()
    .replace(/^darkcast:/, '');
  return DARKCAST_MODELS.find((m) => m.name.toLowerCase() === key || m.recastDir.toLowerCase() === key);
}
