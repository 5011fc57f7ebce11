import { describe, expect, it } from 'vitest';
import { dueAt } from '../../../jobs/digest.ts';

describe('dueAt: the instant a digest run was due', () => {
  const job = (over: Record<string, unknown>) =>
    ({ id: 'x', opts: {}, timestamp: 1, data: {}, ...over }) as unknown as Parameters<typeof dueAt>[0];

  it("reads a scheduler job's id (repeat:<scheduler id>:<due millis>), not the time the worker got to it", () => {
    expect(dueAt(job({ id: 'repeat:digest:0b6c1d2e:1794814200000', timestamp: 1794830000000 }))).toEqual(
      new Date('2026-11-16T07:30:00Z'),
    );
  });

  it('prefers a due time given by hand, then prevMillis, then the job timestamp', () => {
    expect(dueAt(job({ data: { dueAt: 1794814200000 } })).toISOString()).toBe('2026-11-16T07:30:00.000Z');
    expect(dueAt(job({ opts: { prevMillis: 1794814200000 } })).toISOString()).toBe(
      '2026-11-16T07:30:00.000Z',
    );
    expect(dueAt(job({ timestamp: 1794814200000 })).toISOString()).toBe('2026-11-16T07:30:00.000Z');
  });
});
