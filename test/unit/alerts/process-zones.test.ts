import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const PROBE = fileURLToPath(new URL('./zone-probe.ts', import.meta.url));

interface ProbeOutput {
  processOffset: number;
  shares: Array<{ tz: string; at: string; working: boolean; share: number }>;
  anomalies: Array<{ headline: string }>;
}

function runProbe(tz: string): ProbeOutput {
  const stdout = execFileSync(process.execPath, ['--import', 'tsx', PROBE], {
    env: { ...process.env, TZ: tz },
    encoding: 'utf8',
  });
  return JSON.parse(stdout) as ProbeOutput;
}

describe('the alert core does not depend on the process time zone', () => {
  const reference = runProbe('UTC');

  it('the UTC reference run computes every case', () => {
    expect(reference.processOffset).toBe(0);
    expect(reference.shares).toHaveLength(32);
    expect(reference.shares.every((s) => s.share >= 0 && s.share <= 1)).toBe(true);
    // Paris, Monday 16 November 2026 at 9:00, working days: 10 of 21 done, and 9 hours of the 16th.
    expect(reference.shares[4]?.share).toBeCloseTo((10 + 9 / 24) / 21, 12);
    expect(reference.anomalies[3]?.headline).toBe(
      'Leads: 48 on Tue 10 Nov, 4.0× the usual for a Tuesday (median 12)',
    );
  });

  it.each([
    ['America/New_York', 300],
    ['Europe/Paris', -60],
    ['Pacific/Chatham', -825],
  ])('TZ=%s gives the same results as TZ=UTC', (tz, offset) => {
    const run = runProbe(tz);
    expect(run.processOffset).toBe(offset);
    expect(run).toEqual({ ...reference, processOffset: offset });
  });
});
