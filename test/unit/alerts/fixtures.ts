import type { AlertCondition } from '../../../src/core/alerts/index.ts';

/** Intl puts no-break and narrow no-break spaces in French figures; tests compare with plain spaces. */
export const plain = (s: string) => s.replaceAll('\u00a0', ' ').replaceAll('\u202f', ' ');

/** The anomaly condition with the documented defaults (both directions, 8 weeks, 3 MADs, ±50 %, volume 5). */
export const ANOMALY_DEFAULTS: Extract<AlertCondition, { kind: 'anomaly' }> = {
  kind: 'anomaly',
  direction: 'both',
  weeks: 8,
  lookbackDays: 1,
  sensitivity: 3,
  minChange: 0.5,
  minVolume: 5,
};

/** Same-weekday history with median 12 and MAD 1 (above the 5 % floor, 0.6). */
export const WEEKDAY_HISTORY = [10, 12, 11, 13, 12, 14, 12, 9];

/** A 20 % drop vs the previous 7 days, with the documented minimum volume. */
export const DROP_20: Extract<AlertCondition, { kind: 'change' }> = {
  kind: 'change',
  direction: 'drop',
  pct: 0.2,
  versus: 'previous',
  windowDays: 7,
  minVolume: 10,
};
