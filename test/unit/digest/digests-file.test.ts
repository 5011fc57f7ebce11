import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { readDigestsFile } from '../../../src/app/digest/digests-file.ts';
import { builtinCatalog } from '../../../src/core/metrics/index.ts';

describe('docs/digests.example.yaml', () => {
  it('is a valid KPIBOT_DIGESTS file', () => {
    const path = fileURLToPath(new URL('../../../docs/digests.example.yaml', import.meta.url));
    const entries = readDigestsFile(path, builtinCatalog());
    expect(entries.map((e) => [e.platform, e.target, e.cron, e.team, e.dmReps])).toEqual([
      ['slack', 'C0123SALES', '30 8 * * 1', null, false],
      ['slack', 'C0456LYON', '30 8 * * 1', 'Lyon', true],
      ['teams', '19:abc123@thread.tacv2', '45 7 * * 1', null, false],
      ['slack', 'U0789ALICE', '0 17 * * 5', null, false],
    ]);
  });
});
