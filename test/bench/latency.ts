/** Latency samples in milliseconds and their nearest-rank percentiles. */
export function percentile(samples: readonly number[], p: number): number {
  if (samples.length === 0) return Number.NaN;
  const sorted = [...samples].sort((a, b) => a - b);
  const rank = Math.min(sorted.length, Math.max(1, Math.ceil(p * sorted.length)));
  return sorted[rank - 1]!;
}

export interface Latency {
  readonly p50: number;
  readonly p99: number;
  readonly samples: readonly number[];
}

export function latencyOf(samples: readonly number[]): Latency {
  return { p50: percentile(samples, 0.5), p99: percentile(samples, 0.99), samples };
}

/**
 * Runs every task `runs` times, round-robin (one pass over all tasks, then the next), so no task benefits from
 * running right after itself; returns the samples per task, in task order.
 */
export async function sampleRoundRobin(
  tasks: readonly (() => Promise<unknown>)[],
  runs: number,
): Promise<number[][]> {
  const samples = tasks.map((): number[] => []);
  for (let run = 0; run < runs; run++) {
    for (const [i, task] of tasks.entries()) {
      const started = performance.now();
      await task();
      samples[i]!.push(performance.now() - started);
    }
  }
  return samples;
}
