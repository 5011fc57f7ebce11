export { type MeasureQuery, type MeasureResult, rawMeasures, readMeasures } from './read-measures.ts';
export { type RecomputeResult, recomputeRollups, UnknownTenantError } from './recompute-rollups.ts';
