// COHERENT CsI 2017 (SPEC §4.6): the full 144-bin likelihood of the 7stats code (float64 reference, per-mass
// tables, the kernel-shaped per-point scheme) and the rate-only fallback.

export * as coherentConstants from './constants.js';
export type { CoherentDataSet } from './dataSet.js';
export type { CouplingProducts } from './couplingProducts.js';
export { ZERO_COUPLINGS } from './couplingProducts.js';
export type { CoherentExperiment, CoherentOptions } from './experiment.js';
export { buildCoherentExperiment } from './experiment.js';
export type { FitResult, FitTemplates, PullShape } from './likelihood.js';
export { chi2, minimiseChi2 } from './likelihood.js';
export type { CoherentTables, RecoilWeight, TableBasis } from './tables.js';
export {
  COEF,
  NUCLEON_STRIDE,
  NUCLEUS_COEF,
  NUCLEUS_STRIDE,
  buildCoherentTables,
  directSignal,
  signalChange,
  signalFromTable,
} from './tables.js';
export type { KernelConstants, KernelResult, KernelScheme, KernelTable } from './kernelScheme.js';
export { GPU_SCHEME, float32Table, kernelConstants, kernelDeltaChi2 } from './kernelScheme.js';
export type { FallbackOptions, FallbackSetup } from './fallback.js';
export {
  FALLBACK_COEFS_PER_MASS,
  buildFallbackSetup,
  buildFallbackTables,
  fallbackChi2,
  fallbackDeltaChi2,
  fallbackRateRatio,
} from './fallback.js';
export type { CoherentCharges, CoherentPoint, CoherentPointResult, FallbackPointResult } from './point.js';
export { coherentCouplings, coherentDeltaChi2Point, coherentFallbackPoint, fitSignal } from './point.js';
export { benchCoherentTables } from './bench.js';
