// Two ways to read a limit (RESONANCE_RECAST.md §2.4, §3.4, §10):
//
// * 'darkcast' reproduces DarkCast's shipped recasts: visible limits with no invisible width; invisible limits
//   with Γ_inv = 99 Γ_visible for target and reference alike (neutrinos count as visible), so invisible
//   searches become production-only rescalings; BaBar 2016 recast as DarkCast declares it.
// * 'u1x' is the physical reading used by scans: a missing-energy signal is X → νν̄ plus any dark states
//   the model has (Γ_dark = r Γ_SM, r = 0 unless the model says), measured against a reference dark photon
//   that decays invisibly with BR = 1 (what the searches assume; DarkCast's 0.99 differs by 0.5 % in g);
//   BaBar 2016 is a bound on a muon-coupled boson (the catalog's u1xOverride).

import { NEUTRINO_STATES, SM_STATES, HADRONIC_STATES, isSmState, type SmState } from './decayStates.js';
import type { LimitCatalogEntry, RecastDefinition } from './limitCatalog.js';

export type RecastConvention = 'u1x' | 'darkcast';

/** DarkCast's invisible width for invisible searches: Γ_inv = 99 Γ_visible (§2.4, §3.4). */
export const DARKCAST_INVISIBLE_OVER_VISIBLE = 99;

export interface EffectiveRecast {
  convention: RecastConvention;
  definition: RecastDefinition;
  /** SM states whose widths count as signal for the target model. */
  signalStates: SmState[];
  /** Whether the target's dark width counts as signal (invisible searches, decay `none`). */
  signalIncludesDark: boolean;
  /** Dark width imposed on the target by the convention, relative to its SM width. */
  targetDarkOverSm: number;
  /** Reference boson: SM states counted as signal, imposed dark width, whether that dark width is signal. */
  referenceSignalStates: SmState[];
  referenceDarkOverSm: number;
  referenceSignalIncludesDark: boolean;
  /** The reference decays only into the signal (BR ≡ 1): u1x's invisible reference and decay `none`. */
  referenceBrIsOne: boolean;
}

function expandSmStates(decay: readonly string[]): SmState[] {
  const out = new Set<SmState>();
  for (const d of decay) {
    if (d === 'hadrons') HADRONIC_STATES.forEach((s) => out.add(s));
    else if (d === 'visible' || d === 'none') SM_STATES.forEach((s) => out.add(s));
    else if (isSmState(d)) out.add(d);
    else if (d !== 'invisible') throw new Error(`unknown decay state '${d}'`);
  }
  return [...out];
}

export function effectiveRecast(entry: LimitCatalogEntry, convention: RecastConvention): EffectiveRecast {
  const definition: RecastDefinition = convention === 'u1x' && entry.u1xOverride ? entry.u1xOverride : entry;
  const decay = definition.decay;
  const invisible = decay.includes('invisible');
  const none = decay.includes('none');
  const smStates = expandSmStates(decay);
  if (!invisible) {
    return {
      convention,
      definition,
      signalStates: smStates,
      signalIncludesDark: none,
      targetDarkOverSm: 0,
      referenceSignalStates: smStates,
      referenceDarkOverSm: 0,
      referenceSignalIncludesDark: none,
      referenceBrIsOne: none,
    };
  }
  if (convention === 'darkcast') {
    return {
      convention,
      definition,
      signalStates: smStates,
      signalIncludesDark: true,
      targetDarkOverSm: DARKCAST_INVISIBLE_OVER_VISIBLE,
      referenceSignalStates: smStates,
      referenceDarkOverSm: DARKCAST_INVISIBLE_OVER_VISIBLE,
      referenceSignalIncludesDark: true,
      referenceBrIsOne: false,
    };
  }
  return {
    convention,
    definition,
    signalStates: [...new Set<SmState>([...smStates, ...NEUTRINO_STATES])],
    signalIncludesDark: true,
    targetDarkOverSm: 0,
    referenceSignalStates: smStates,
    referenceDarkOverSm: 0,
    referenceSignalIncludesDark: true,
    referenceBrIsOne: true,
  };
}
