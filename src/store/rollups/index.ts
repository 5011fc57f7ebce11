export {
  type GroupLabel,
  type MeasureQuery,
  type MeasureResult,
  rawMeasures,
  readMeasureSets,
  readMeasureSetsWith,
  readMeasures,
  type SideQuery,
} from './read-measures.ts';
export { type RecomputeResult, recomputeRollups, UnknownTenantError } from './recompute-rollups.ts';
