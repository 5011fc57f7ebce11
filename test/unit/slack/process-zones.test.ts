import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const PROBE = fileURLToPath(new URL('./render-probe.ts', import.meta.url));

function runProbe(tz: string): { processOffset: number; messages: unknown[]; home: unknown } {
  const stdout = execFileSync(process.execPath, ['--import', 'tsx', PROBE], {
    env: { ...process.env, TZ: tz },
    encoding: 'utf8',
  });
  return JSON.parse(stdout);
}

describe('Slack renderings do not depend on the process time zone', () => {
  const reference = runProbe('UTC');

  it('the UTC run shows the Paris ranges', () => {
    expect(reference.processOffset).toBe(0);
    expect(JSON.stringify(reference.messages[0])).toContain('9 Nov 2026 → 15 Nov 2026 · Europe/Paris');
  });

  it.each([
    ['America/Los_Angeles', 480],
    ['Asia/Kolkata', -330],
    ['Pacific/Chatham', -825],
  ])('TZ=%s renders the same as TZ=UTC', (tz, offset) => {
    const run = runProbe(tz);
    expect(run.processOffset).toBe(offset);
    expect(run.messages).toEqual(reference.messages);
    expect(run.home).toEqual(reference.home);
  });
});
