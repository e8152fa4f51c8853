// The COHERENT CsI 2017 release as the likelihood consumes it (files binned by 7stats; formats in
// ../shared/data/coherent-csi-2017/PROVENANCE.md). Declared here so that physics depends on no loader;
// src/io/coherentData.ts reads the files into this shape.

/** Steady-state background files: 25 PE bins of width 2 from 0 (centres 1..49) x 24 time bins of 0.5 us. */
export const STEADY_PE_BINS = 25;
export const STEADY_PE_WIDTH = 2;
export const STEADY_TIME_BINS = 24;
/** Neutron file: 24 time bins of 0.5 us x integer true-PE labels p = 0..49. */
export const NEUTRON_TIME_BINS = 24;
export const NEUTRON_PE_LABELS = 50;

export interface CoherentDataSet {
  /** Observed counts of Co_data.dat, 144 bins, index 12 jE + k (PE outer, time inner, as in the file). */
  readonly observed: Float64Array;
  /** Arrival-time fractions of the prompt and delayed signal, 12 bins of 0.5 us. */
  readonly promptTiming: Float64Array;
  readonly delayedTiming: Float64Array;
  /** Steady-state counts on the release grid, index 24 peBin + timeBin. */
  readonly steadyAcOn: Float64Array;
  readonly steadyAcOff: Float64Array;
  readonly steadyCoOff: Float64Array;
  /** Beam-related neutrons in the beam-on exposure, index 50 timeBin + p (true-PE label). */
  readonly neutron: Float64Array;
}
