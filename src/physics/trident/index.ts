// Public API of the CCFR neutrino-trident calculation (SPEC §4.3).
export { eftCoefficients, eftRatio, ratioFromCoefficients, type TridentCoefficientSet } from './eft.js';
export {
  ccfrTridentTable,
  readTridentTable,
  tridentCoefficientGrid,
  tridentCoefficientsAt,
  tridentRatio,
  validateTridentTable,
  COEFFICIENT_KEYS,
  type TridentPart,
  type TridentTable,
} from './table.js';
export { buildCcfrTridentTable, defaultMassGrid, formatTable, TABLE_VERSION } from './buildTable.js';
export { CCFR_R95, CCFR_RATIO, CCFR_SIGMA, EFT_AXIAL_WEIGHT, G_A_SM, G_V_SM } from './inputs.js';
