// The VMD R-ratio pieces grouped by hadronic final state (RESONANCE_RECAST.md §2.3), evaluated with
// DarkCast's rule: linear in m, zero below the first point (every curve starts with a 0 at threshold), and
// frozen at the last value above it (2 GeV; the ω–φ interference piece already ends at 0 at 1.478 GeV).

import type { VmdCurve } from './dataTypes.js';
import { HADRONIC_STATES } from './decayStates.js';
import { interpolateHeld } from './interpolation.js';

/** Component index: 0 ρ, 1 ω, 2 φ, 3 ω–φ interference. */
export const VMD_COMPONENTS = ['rho0', 'omega', 'phi', 'omega_phi'] as const;

export class VmdSet {
  /** curves[state][component] or null when the state has no such piece. */
  private readonly curves = new Map<string, (VmdCurve | null)[]>();

  constructor(curves: readonly VmdCurve[]) {
    for (const state of HADRONIC_STATES) this.curves.set(state, [null, null, null, null]);
    for (const c of curves) {
      const slot = this.curves.get(c.finalState);
      const k = VMD_COMPONENTS.indexOf(c.component as (typeof VMD_COMPONENTS)[number]);
      if (!slot || k < 0) throw new Error(`${c.file}: VMD curve for unknown state/component ${c.finalState}.${c.component}`);
      slot[k] = c;
    }
    for (const [state, slot] of this.curves) {
      if (slot.every((c) => c === null)) throw new Error(`no VMD curve for hadronic state '${state}'`);
    }
  }

  /** R pieces [ρ, ω, φ, ωφ] of one final state at mass m (0 where the state has no such piece). */
  pieces(state: string, m: number): [number, number, number, number] {
    const slot = this.curves.get(state);
    if (!slot) throw new Error(`unknown hadronic state '${state}'`);
    return slot.map((c) => (c ? interpolateHeld(c.masses, c.values, m) : 0)) as [number, number, number, number];
  }
}
