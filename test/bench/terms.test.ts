// The bench's term lists come from the constraint definitions (inGlobalFit, heavy, legendGroup); they
// must still be the terms of SPEC §5.1, in the order the bench has always compiled them (light terms,
// then the heavy COHERENT term, then the two resonance penalties).

import { describe, expect, it } from 'vitest';
import { GLOBAL_TERMS, LIGHT_TERMS } from '../../src/bench/cases.js';

describe('bench term lists', () => {
  it('GLOBAL_TERMS are the terms of SPEC §5.1 (G2 eq. B.1)', () => {
    expect(GLOBAL_TERMS).toEqual(['amu', 'borexino', 'nsi_osc', 'coherent', 'babar_2014_visible', 'na64_2019_invisible']);
  });
  it('LIGHT_TERMS are its cheap terms: no heavy COHERENT, no resonance searches', () => {
    expect(LIGHT_TERMS).toEqual(['amu', 'borexino', 'nsi_osc']);
  });
});
