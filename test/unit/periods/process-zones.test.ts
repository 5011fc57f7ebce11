import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const PROBE = fileURLToPath(new URL('./zone-probe.ts', import.meta.url));

interface ProbeOutput {
  processOffset: number;
  results: Array<{ phrase: string; period: unknown }>;
}

function runProbe(tz: string): ProbeOutput {
  const stdout = execFileSync(process.execPath, ['--import', 'tsx', PROBE], {
    env: { ...process.env, TZ: tz },
    encoding: 'utf8',
  });
  return JSON.parse(stdout) as ProbeOutput;
}

describe('periods do not depend on the process time zone', () => {
  const reference = runProbe('UTC');

  it('the UTC reference run resolves every phrase', () => {
    expect(reference.processOffset).toBe(0);
    expect(reference.results.length).toBeGreaterThan(100);
    expect(reference.results.every((r) => r.period !== null)).toBe(true);
  });

  it.each([
    ['America/Los_Angeles', 480],
    ['Asia/Kolkata', -330],
    ['Pacific/Chatham', -825],
    ['Europe/Paris', -60],
  ])('TZ=%s gives the same results as TZ=UTC', (tz, offset) => {
    const run = runProbe(tz);
    expect(run.processOffset).toBe(offset);
    expect(run.results).toEqual(reference.results);
  });
});
