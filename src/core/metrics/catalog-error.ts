import type { ProblemPath } from './compile-types.ts';

/** One thing wrong with one metric definition, precise enough to point at a line of the user's file. */
export interface CatalogProblem {
  /** Index of the definition in the list given to buildCatalog. */
  index: number;
  /** The metric's name, or `#<index + 1>` when it has none. */
  metric: string;
  /** Field path inside the definition, e.g. ['numerator'] or ['filter', 'channel']; [] for the whole definition. */
  path: ProblemPath;
  message: string;
  /** For formula problems: the 0-based offset inside the field's text. */
  position?: number;
  /** The problem is the last key of `path` itself (an unknown field or dimension), not its value. */
  onKey?: boolean;
}

export function describeProblem(problem: CatalogProblem): string {
  const field = problem.path.length > 0 ? `, field ${problem.path.join('.')}` : '';
  return `metric ${problem.metric}${field}: ${problem.message}`;
}

/** Every problem of a set of metric definitions at once, so a user fixes their file in one go. */
export class CatalogError extends Error {
  override readonly name = 'CatalogError';
  constructor(readonly problems: readonly CatalogProblem[]) {
    super(`Invalid metric definitions:\n${problems.map((p) => `  - ${describeProblem(p)}`).join('\n')}`);
  }
}
