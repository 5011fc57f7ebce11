import type { CompiledMetric } from './metric-def.ts';

export type ProblemPath = readonly (string | number)[];

/**
 * Where a problem is inside one metric definition: `position` is an offset inside the field's formula text;
 * `onKey` says the last key of the path is itself wrong (an unknown dimension), not its value.
 */
export type ReportProblem = (
  path: ProblemPath,
  message: string,
  details?: { position?: number; onKey?: boolean },
) => void;

export interface MetricLookup {
  /** The compiled metric; null when it exists but cannot be used (invalid, or part of a cycle); undefined if unknown. */
  get(name: string): CompiledMetric | null | undefined;
  readonly names: readonly string[];
}
