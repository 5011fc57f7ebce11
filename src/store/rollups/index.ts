export {
  type GroupLabel,
  KEY_SEPARATOR,
  type MeasureQuery,
  type MeasureResult,
  rawMeasures,
  readMeasureSets,
  readMeasureSetsWith,
  readMeasures,
  type SideQuery,
} from './read-measures.ts';
export { type RecomputeResult, recomputeRollups, UnknownTenantError } from './recompute-rollups.ts';
