/**
 * Slack accepts about one message per second per channel (short bursts are tolerated, sustained ones get 429s).
 * The pacer spaces this process's posts to one channel by `intervalMs`, in order of arrival; posts to different
 * channels do not wait for each other. Several worker processes each keep their own spacing: should they together
 * go over, Slack answers 429 with Retry-After and the job is delayed by exactly that.
 */
export interface ChannelPacer {
  /** Resolves when this post may go out. */
  wait(key: string): Promise<void>;
}

export function createChannelPacer(
  intervalMs = 1000,
  clock: { now(): number; sleep(ms: number): Promise<void> } = {
    now: () => Date.now(),
    sleep: (ms) => new Promise<void>((resolve) => setTimeout(resolve, ms)),
  },
): ChannelPacer {
  const nextFree = new Map<string, number>();
  return {
    async wait(key) {
      const now = clock.now();
      if (nextFree.size > 10_000) {
        for (const [k, at] of nextFree) if (at <= now) nextFree.delete(k);
      }
      const at = Math.max(now, nextFree.get(key) ?? 0);
      nextFree.set(key, at + intervalMs);
      if (at > now) await clock.sleep(at - now);
    },
  };
}
