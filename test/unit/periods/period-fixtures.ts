import { formatInstant, type Period, type PeriodContext } from '../../../src/core/periods/index.ts';

/** Wednesday 18 November 2026, 14:30 in Paris (CET, +01:00). */
export const NOW = new Date('2026-11-18T13:30:00Z');
export const NOW_PARIS = '2026-11-18T14:30:00+01:00';
export const PARIS: PeriodContext = { now: NOW, tz: 'Europe/Paris' };

export function at(iso: string, tz: string, extra: Partial<PeriodContext> = {}): PeriodContext {
  return { now: new Date(iso), tz, ...extra };
}

/** [start, end] as ISO strings with the period zone's offsets, or null. */
export function bounds(p: Period | null | undefined): [string, string] | null {
  return p ? [formatInstant(p.start, p.tz), formatInstant(p.end, p.tz)] : null;
}

export function hours(p: Period): number {
  return (p.end.getTime() - p.start.getTime()) / 3_600_000;
}
