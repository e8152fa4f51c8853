// Public API of the model catalog (project issue 3). Depends on nothing of ours but src/util/errors.ts.
export * from './types.js';
export { Rational } from './rational.js';
export {
  SPECIES,
  toChargeTable,
  universalAssignment,
  universalFromIntegers,
  vectorAssignment,
  type ChargeAssignment,
  type Species,
  type Triple,
} from './charges.js';
export {
  ANOMALY_CONDITIONS,
  checkAnomalies,
  describeAnomalies,
  requireAnomalyFree,
  type AnomalyReport,
  type AnomalyResult,
} from './anomaly.js';
export { alphaR, vectorFromAlphaR, type AlphaR } from './alphaR.js';
export { BENCHMARKS, BENCHMARK_FAMILIES, benchmarkModel, findBenchmark, type Benchmark } from './benchmarks.js';
export {
  buildCatalog,
  catalogEntries,
  catalogEntryToScanModel,
  catalogModels,
  getCatalog,
  type Catalog,
  type CatalogCounts,
  type CatalogEntry,
  type CategorySelector,
} from './catalog.js';
export { enumerateChargeSets, MAX_CHARGE_LIMIT, type ChargeSet } from './enumerate.js';
export { defaultThreadCount, enumerateChargeSetsParallel } from './parallelEnumeration.js';
export { chiralModelId, parseModelId, vectorModelId } from './ids.js';
export { catalogEntryOf, catalogIdOf } from './catalogId.js';
export { loadModelFile } from './modelFile.js';
export { categorize, exactChargesOf, scanModelFromAssignment } from './scanModel.js';
export { parseVectorExpression, vectorModelName } from './vectorNames.js';
export { packCouplingRecords } from './records.js';
export { resolveModel, resolveModels, type ResolveOptions } from './resolve.js';
