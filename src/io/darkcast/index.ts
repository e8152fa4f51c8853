export { readNumericTable, type NumericTable, type TableRow } from './tableText.js';
export { parseLimitText, type LimitFileStats, type LimitParseOptions, type ParsedLimitTable } from './limitFile.js';
export { parseProductionText } from './productionFile.js';
export { parseVmdFileName, parseVmdText } from './vmdFile.js';
export {
  DARKCAST_ENV,
  findDarkcastDir,
  hasProjections,
  validateDarkcastDir,
  vmdFolder,
  type DarkcastDirLookup,
} from './findDarkcastDir.js';
export { DarkcastDirectory, UNSORTED_REFERENCE_FILES, VMD_FILES, type FileProvenance, type LimitFolder } from './darkcastDirectory.js';
export { skippedResonanceLimits, type SkippedResonanceLimits } from './skippedNotice.js';
