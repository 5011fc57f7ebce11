export type BenchPhase = 'answers' | 'rollup' | 'incremental' | 'alerts' | 'sync';
const PHASES: readonly BenchPhase[] = ['answers', 'rollup', 'incremental', 'alerts', 'sync'];

export interface BenchArgs {
  readonly scale: number;
  /** Timed runs per question (after the warm-up). */
  readonly runs: number;
  readonly phases: ReadonlySet<BenchPhase>;
  /** Print EXPLAIN (ANALYZE, BUFFERS) of the rollup reads of the slowest answers. */
  readonly explain: boolean;
}

export class BenchUsageError extends Error {}

export const BENCH_USAGE = `Usage: npm run bench -- [--scale <factor>] [--runs <n>] [--only answers|rollup|incremental|alerts|sync]
  --scale  size of the generated company (1.0 = 2M leads, 300k deals, 3M activities; default 1.0)
  --runs   timed runs per question after the warm-up (default 30)
  --only   run one phase; the full rollup build always runs because the others need it, except for sync
           (1M leads × scale through runSync vs a plain COPY of the same rows, in a database of its own)
           alerts: 10,000 alert rules of every kind evaluated over the company (target 5 s)
  --explain  print EXPLAIN (ANALYZE, BUFFERS) of the rollup reads of the two slowest answers
PostgreSQL admin URL: TEST_DATABASE_URL (default postgresql://postgres@127.0.0.1:5432/postgres).`;

export function parseBenchArgs(argv: readonly string[]): BenchArgs {
  let scale = 1;
  let runs = 30;
  let phases = new Set<BenchPhase>(PHASES);
  let explain = false;
  for (let i = 0; i < argv.length; i++) {
    const flag = argv[i];
    const value = argv[i + 1];
    if (flag === '--scale' || flag === '--runs' || flag === '--only') {
      if (value === undefined) throw new BenchUsageError(`${flag} needs a value`);
      i++;
      if (flag === '--scale') {
        scale = Number(value);
        if (!(scale > 0 && scale <= 10))
          throw new BenchUsageError(`--scale must be a number in (0, 10], got "${value}"`);
      } else if (flag === '--runs') {
        runs = Number(value);
        if (!Number.isInteger(runs) || runs < 1)
          throw new BenchUsageError(`--runs must be a positive integer, got "${value}"`);
      } else {
        if (!PHASES.includes(value as BenchPhase)) {
          throw new BenchUsageError(`--only must be one of ${PHASES.join(', ')}, got "${value}"`);
        }
        phases = new Set([value as BenchPhase]);
      }
    } else if (flag === '--explain') {
      explain = true;
    } else if (flag !== '--') {
      throw new BenchUsageError(`Unknown argument "${flag}"`);
    }
  }
  return { scale, runs, phases, explain };
}
